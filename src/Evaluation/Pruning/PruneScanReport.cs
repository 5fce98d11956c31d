using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Passes.Transforms.Pruning;

namespace OnnxOpt.Evaluation.Pruning;

/// <summary>What <see cref="PruneScan"/> measured: one row per prunable Conv weight, in graph order, and the Convs it could not prune.</summary>
public sealed record PruneScanReport(PruneConvL1Options Options, int Inputs, IReadOnlyList<PruneScanLayer> Layers, IReadOnlyList<SkippedConv> Skipped)
{
    /// <summary>Layers ordered from the most sensitive (lowest cosine, then largest mean error) to the least.</summary>
    public IEnumerable<PruneScanLayer> MostSensitiveFirst() =>
        Layers.OrderBy(l => l.Cosine).ThenByDescending(l => l.MeanAbsError);
}
