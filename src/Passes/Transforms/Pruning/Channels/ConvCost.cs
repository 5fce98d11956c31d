namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Conv FLOPs (2 per multiply-add) and parameters of a model, before or after removing components. A Conv whose output
/// size is unknown (a dynamic input) counts one output position, so ratios stay usable but absolute FLOPs are not.
/// </summary>
public readonly record struct ConvCost(long Flops, long Parameters)
{
    public static ConvCost Of(ChannelAnalysis analysis, IReadOnlySet<int> removedRoots)
    {
        long flops = 0, parameters = 0;
        var e = analysis.Elements;
        foreach (var conv in analysis.Convs)
        {
            int cin = conv.InLayout is { } inLayout && inLayout.Length == conv.InChannels ? Count(e, inLayout, removedRoots) : conv.InChannels;
            int cout = conv.OutLayout is { } outLayout && outLayout.Length == conv.OutChannels ? Count(e, outLayout, removedRoots) : conv.OutChannels;
            long group = conv.Depthwise ? cout : conv.Group;
            long weights = (long)cout * (cin / group) * conv.KernelArea;
            parameters += weights + (conv.HasBias ? cout : 0);
            flops += 2 * weights * Math.Max(1, conv.OutSpatial);
        }

        return new ConvCost(flops, parameters);
    }

    private static int Count(ChannelElements elements, int[] layout, IReadOnlySet<int> removedRoots)
    {
        if (removedRoots.Count == 0)
        {
            return layout.Length;
        }

        int kept = 0;
        foreach (int element in layout)
        {
            kept += removedRoots.Contains(elements.Find(element)) ? 0 : 1;
        }

        return kept;
    }
}
