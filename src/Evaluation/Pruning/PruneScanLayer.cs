using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Passes.Transforms.Pruning;

namespace OnnxOpt.Evaluation.Pruning;

/// <summary>
/// The effect of pruning one Conv weight alone: its pruning counts and, per model output, how far the outputs moved
/// from the unpruned model's over all inputs (max and mean absolute error, worst cosine similarity).
/// </summary>
public sealed record PruneScanLayer(LayerPruneResult Pruning, IReadOnlyList<OutputStatistics> Outputs)
{
    public string Node => Pruning.Target.Name;

    public double MaxAbsError => Outputs.Count == 0 ? 0 : Outputs.Max(o => o.MaxAbsError);

    /// <summary>Mean absolute error over the elements of every output together.</summary>
    public double MeanAbsError
    {
        get
        {
            long elements = Outputs.Sum(o => o.Elements);
            return elements == 0 ? 0 : Outputs.Sum(o => o.MeanAbsError * o.Elements) / elements;
        }
    }

    /// <summary>The worst (lowest) cosine similarity of any output on any input.</summary>
    public double Cosine => Outputs.Count == 0 ? 1 : Outputs.Min(o => o.Cosine);
}
