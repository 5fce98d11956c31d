namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>The weights `prune-conv-l1` will prune, in graph order, and the Convs it leaves alone with their reasons.</summary>
public sealed record ConvWeightSelection(IReadOnlyList<ConvWeightTarget> Targets, IReadOnlyList<SkippedConv> Skipped, int FilteredOut)
{
    public long TotalWeights => Targets.Sum(t => t.Tensor.ElementCount);
}
