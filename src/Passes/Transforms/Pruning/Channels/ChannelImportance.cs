using System.Numerics.Tensors;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The importance of every component: the mean over its filters (the Conv output channels united in it) of the
/// criterion's per-filter score. Components without a prunable filter get no score (they are never removed).
/// </summary>
public static class ChannelImportance
{
    /// <summary>Each component's importance under <paramref name="criterion"/> (higher is kept first).</summary>
    /// <param name="analysis">The model's channel dependency groups.</param>
    /// <param name="criterion">How a filter's importance is measured.</param>
    /// <param name="activations">Mean absolute activation per Conv output channel, by Conv, for <see cref="ChannelCriterion.Activation"/>.</param>
    public static Dictionary<int, double> Score(ChannelAnalysis analysis, ChannelCriterion criterion, IReadOnlyDictionary<Node, double[]>? activations = null)
    {
        var sum = new Dictionary<int, double>();
        var count = new Dictionary<int, int>();
        foreach (var edit in analysis.Edits.OfType<ConvOutputEdit>())
        {
            var scores = criterion == ChannelCriterion.Activation
                ? activations?.GetValueOrDefault(edit.Node) ?? throw new InvalidOperationException($"no calibration activations for {edit.Node}")
                : FilterScores(edit.Node, criterion);
            for (int c = 0; c < edit.Layout.Length; c++)
            {
                int root = analysis.Elements.Find(edit.Layout[c]);
                sum[root] = sum.GetValueOrDefault(root) + scores[c];
                count[root] = count.GetValueOrDefault(root) + 1;
            }
        }

        return sum.ToDictionary(p => p.Key, p => p.Value / count[p.Key]);
    }

    /// <summary>One score per output channel of a Conv from its weights (and a following BatchNormalization).</summary>
    public static double[] FilterScores(Node conv, ChannelCriterion criterion)
    {
        var weight = conv.Input(1)!.ConstValue!;
        int filters = (int)weight.Dims[0];
        int size = (int)(weight.ElementCount / filters);
        // Float weights are read in place; other types are widened once.
        ReadOnlySpan<float> values = weight.DataType == DataType.Float ? weight.Span<float>() : weight.ToDoubleArray().Select(v => (float)v).ToArray();
        var scale = criterion == ChannelCriterion.BnScaled ? BatchNormScale(conv) : null;
        var scores = new double[filters];
        for (int f = 0; f < filters; f++)
        {
            var row = values.Slice(f * size, size);
            double score = criterion == ChannelCriterion.L1 ? TensorPrimitives.SumOfMagnitudes<float>(row) : TensorPrimitives.Norm<float>(row);
            scores[f] = scale is null ? score : score * Math.Abs(scale[f]);
        }

        return scores;
    }

    /// <summary>γ/√(σ²+ε) of the BatchNormalization that is the Conv output's only reader, or null.</summary>
    private static double[]? BatchNormScale(Node conv)
    {
        var output = conv.Output(0);
        if (output.Uses.Count != 1 || output.Uses[0].Node is not { OpType: "BatchNormalization" } bn || output.Uses[0].InputIndex != 0
            || bn.Input(1)?.ConstValue is not { } gamma || bn.Input(4)?.ConstValue is not { } variance)
        {
            return null;
        }

        double epsilon = bn.GetFloat("epsilon", 1e-5f);
        var g = gamma.ToDoubleArray();
        var v = variance.ToDoubleArray();
        return g.Select((x, i) => x / Math.Sqrt(v[i] + epsilon)).ToArray();
    }
}
