using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The data-driven importance: the mean absolute value of every prunable Conv's activated output channel over the
/// calibration samples (after its SiLU x·sigmoid(x) or ReLU when it has one, since that is what later layers see).
/// </summary>
public static class ChannelActivations
{
    /// <summary>The activated outputs of every prunable Conv: the values whose moments this criterion reads.</summary>
    /// <param name="analysis">The model's channel dependency groups.</param>
    public static IReadOnlyList<string> ObservedValues(ChannelAnalysis analysis) =>
        analysis.Edits.OfType<ConvOutputEdit>().Select(e => Activated(e.Node).Name).Distinct().ToList();

    /// <summary>Mean |activated output| per channel of every prunable Conv, from moments of at least <see cref="ObservedValues"/>.</summary>
    /// <param name="analysis">The model's channel dependency groups.</param>
    /// <param name="moments">Calibration moments of at least <see cref="ObservedValues"/>.</param>
    public static Dictionary<Node, double[]> MeanAbsolute(ChannelAnalysis analysis, ChannelMoments moments)
    {
        ArgumentNullException.ThrowIfNull(moments);
        return analysis.Edits.OfType<ConvOutputEdit>()
            .Select(e => e.Node)
            .Distinct()
            .ToDictionary(conv => conv, conv => moments.MeanAbsolute(Activated(conv).Name, (int)conv.Input(1)!.ConstValue!.Dims[0]));
    }

    /// <summary>The Conv's output after x·sigmoid(x) or ReLU when that is its only reader, else the Conv output itself.</summary>
    private static Value Activated(Node conv)
    {
        var output = conv.Output(0);
        foreach (var use in output.Uses)
        {
            if (use.Node.Is("Relu") && output.Uses.Count == 1)
            {
                return use.Node.Output(0);
            }

            if (use.Node.Is("Mul") && use.Node.Inputs.Any(i => i?.Producer is { OpType: "Sigmoid" } s && s.Input(0) == output))
            {
                return use.Node.Output(0);
            }
        }

        return output;
    }
}
