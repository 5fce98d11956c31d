namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// <see cref="ConvCost"/> for many candidate selections of one analysis: the component root of every Conv layout
/// element is found once, so each evaluation is one pass of set lookups (the target-flops bisection evaluates ~20).
/// </summary>
public sealed class ConvCostModel
{
    private readonly List<(ConvInfo Conv, int[]? InRoots, int[]? OutRoots)> _convs;

    public ConvCostModel(ChannelAnalysis analysis)
    {
        var e = analysis.Elements;
        int[]? Roots(int[]? layout, int channels) => layout is not null && layout.Length == channels ? layout.Select(e.Find).ToArray() : null;
        _convs = analysis.Convs.Select(c => (c, Roots(c.InLayout, c.InChannels), Roots(c.OutLayout, c.OutChannels))).ToList();
    }

    public ConvCost Of(IReadOnlySet<int> removedRoots)
    {
        long flops = 0, parameters = 0;
        foreach (var (conv, inRoots, outRoots) in _convs)
        {
            int cin = inRoots is null ? conv.InChannels : Kept(inRoots, removedRoots);
            int cout = outRoots is null ? conv.OutChannels : Kept(outRoots, removedRoots);
            long group = conv.Depthwise ? cout : conv.Group;
            long weights = (long)cout * (cin / group) * conv.KernelArea;
            parameters += weights + (conv.HasBias ? cout : 0);
            flops += 2 * weights * Math.Max(1, conv.OutSpatial);
        }

        return new ConvCost(flops, parameters);
    }

    private static int Kept(int[] roots, IReadOnlySet<int> removedRoots)
    {
        if (removedRoots.Count == 0)
        {
            return roots.Length;
        }

        int kept = 0;
        foreach (int root in roots)
        {
            kept += removedRoots.Contains(root) ? 0 : 1;
        }

        return kept;
    }
}
