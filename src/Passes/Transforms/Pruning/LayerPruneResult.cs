using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// What pruning one Conv weight would do: its weight count and zero counts before and after, and the new tensor
/// (null when no weight changes, so the original stays byte-identical). Nothing is written until the caller applies it.
/// </summary>
public sealed record LayerPruneResult(ConvWeightTarget Target, long Weights, long ZerosBefore, long ZerosAfter, Tensor? Pruned)
{
    public long Zeroed => ZerosAfter - ZerosBefore;

    public double SparsityBefore => Weights == 0 ? 0 : (double)ZerosBefore / Weights;

    public double Sparsity => Weights == 0 ? 0 : (double)ZerosAfter / Weights;

    /// <summary>Writes the pruned tensor into the weight initializer; false when there is nothing to write.</summary>
    public bool Apply()
    {
        if (Pruned is null)
        {
            return false;
        }

        Target.Weight.Graph!.SetInitializerValue(Target.Weight, Pruned);
        return true;
    }
}
