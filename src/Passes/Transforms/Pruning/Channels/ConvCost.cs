namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Conv FLOPs (2 per multiply-add) and parameters of a model, before or after removing components. A Conv whose output
/// size is unknown (a dynamic input) counts one output position, so ratios stay usable but absolute FLOPs are not.
/// </summary>
public readonly record struct ConvCost(long Flops, long Parameters)
{
    public static ConvCost Of(ChannelAnalysis analysis, IReadOnlySet<int> removedRoots) => new ConvCostModel(analysis).Of(removedRoots);
}
