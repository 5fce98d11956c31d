using System.Numerics.Tensors;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The <see cref="ChannelCriterion.Variance"/> score of every component: the output variance its removal adds to each
/// consumer Conv after mean absorption, ‖W[:,c]‖²·Var(a_c), relative to that consumer's output variance, summed over
/// consumers. Spatial correlation within a kernel window is ignored (the taps count as independent): on YOLOv8n that
/// ranked better than assuming fully correlated taps ((Σ_k W)², 28.1 against 43.3 mAP50-95 at 25 % fewer FLOPs).
/// </summary>
public static class ChannelVarianceScore
{
    /// <summary>The values whose moments the score needs: every consumer Conv's input and output.</summary>
    public static IReadOnlyList<string> ObservedValues(ChannelAnalysis analysis) =>
        analysis.Edits.OfType<ConvInputEdit>().SelectMany(e => new[] { e.Node.Input(0)!.Name, e.Node.Output(0).Name }).Distinct().ToList();

    public static Dictionary<int, double> Score(ChannelAnalysis analysis, ChannelMoments moments)
    {
        var scores = new Dictionary<int, double>();
        foreach (var edit in analysis.Edits.OfType<ConvOutputEdit>())
        {
            foreach (int element in edit.Layout)
            {
                scores.TryAdd(analysis.Elements.Find(element), 0);
            }
        }

        foreach (var edit in analysis.Edits.OfType<ConvInputEdit>())
        {
            var weight = edit.Node.Input(1)!.ConstValue!;
            var w = weight.ToDoubleArray();
            int filters = (int)weight.Dims[0], inputs = (int)weight.Dims[1], kernel = (int)(weight.ElementCount / filters / inputs);
            var inputVariance = moments.Variance(edit.Node.Input(0)!.Name, inputs);
            double outputVariance = moments.Variance(edit.Node.Output(0).Name, filters).Sum();
            if (outputVariance <= 0)
            {
                continue;
            }

            for (int c = 0; c < edit.Layout.Length && c < inputs; c++)
            {
                double column = 0;
                for (int o = 0; o < filters; o++)
                {
                    column += TensorPrimitives.SumOfSquares(new ReadOnlySpan<double>(w, ((o * inputs) + c) * kernel, kernel));
                }

                int root = analysis.Elements.Find(edit.Layout[c]);
                scores[root] = scores.GetValueOrDefault(root) + (column * inputVariance[c] / outputVariance);
            }
        }

        return scores;
    }
}
