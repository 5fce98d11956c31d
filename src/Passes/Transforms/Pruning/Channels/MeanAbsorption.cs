using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Applied whenever calibration is given (before any refit, which then starts from the compensated bias): a removed
/// input channel's mean contribution (its mean activation on the
/// calibration images times the consumer's weights over that channel) moves into the consumer Conv's bias, so the
/// consumer's output keeps its mean. Exact for 1×1 Convs on spatially constant channels; at zero-padded borders of
/// larger kernels it over-compensates slightly.
/// </summary>
public sealed class MeanAbsorption
{
    private readonly Dictionary<Node, double[]> _delta;

    private MeanAbsorption(Dictionary<Node, double[]> delta) => _delta = delta;

    /// <summary>The values whose channel means <see cref="Measure"/> needs: the input of every plain Conv that reads prunable channels.</summary>
    public static IReadOnlyList<string> ObservedValues(ChannelAnalysis analysis) =>
        analysis.Edits.OfType<ConvInputEdit>().Select(e => e.Node.Input(0)!.Name).Distinct().ToList();

    /// <summary>Computes, before the surgery, the bias change of every plain Conv that loses input channels.</summary>
    /// <param name="analysis">The model's channel dependency groups.</param>
    /// <param name="removedRoots">The components that go.</param>
    /// <param name="moments">Calibration moments of at least <see cref="ObservedValues"/>.</param>
    public static MeanAbsorption Measure(ChannelAnalysis analysis, IReadOnlySet<int> removedRoots, ChannelMoments moments)
    {
        var edits = analysis.Edits.OfType<ConvInputEdit>()
            .Select(e => (Edit: e, Removed: Enumerable.Range(0, e.Layout.Length).Where(i => removedRoots.Contains(analysis.Elements.Find(e.Layout[i]))).ToArray()))
            .Where(p => p.Removed.Length > 0)
            .ToList();
        var delta = new Dictionary<Node, double[]>();
        foreach (var (edit, removed) in edits)
        {
            var weight = edit.Node.Input(1)!.ConstValue!;
            var w = weight.ToDoubleArray();
            int filters = (int)weight.Dims[0], inputs = (int)weight.Dims[1], kernel = (int)(weight.ElementCount / filters / inputs);
            var means = moments.Mean(edit.Node.Input(0)!.Name, inputs);
            var change = new double[filters];
            foreach (int c in removed)
            {
                double mean = means[c];
                for (int o = 0; o < filters; o++)
                {
                    double columnSum = 0;
                    for (int k = 0; k < kernel; k++)
                    {
                        columnSum += w[(((o * inputs) + c) * kernel) + k];
                    }

                    change[o] += mean * columnSum;
                }
            }

            delta[edit.Node] = change;
        }

        return new MeanAbsorption(delta);
    }

    /// <summary>Adds the measured changes to the biases after the surgery (rows of removed output channels are dropped).</summary>
    public int Apply(OnnxGraph graph, ChannelAnalysis analysis, IReadOnlySet<int> removedRoots)
    {
        var keptOut = analysis.Edits.OfType<ConvOutputEdit>().ToDictionary(e => e.Node, e => ChannelSurgery.Kept(analysis.Elements, e.Layout, removedRoots));
        foreach (var (conv, change) in _delta)
        {
            var rows = keptOut.TryGetValue(conv, out var kept) ? kept : Enumerable.Range(0, change.Length).ToArray();
            var weight = conv.Input(1)!.ConstValue!;
            var bias = conv.Input(2) is { ConstValue: { } b } ? b.ToDoubleArray() : new double[weight.Dims[0]];
            for (int i = 0; i < rows.Length; i++)
            {
                bias[i] += change[rows[i]];
            }

            var tensor = weight.DataType switch
            {
                DataType.Double => Tensor.Create(bias, bias.Length),
                DataType.Float16 => Tensor.Create(bias.Select(v => (Half)v).ToArray(), bias.Length),
                _ => Tensor.Create(bias.Select(v => (float)v).ToArray(), bias.Length),
            };
            if (conv.Input(2) is { ConstValue: not null } biasValue && biasValue.Uses.Count == 1)
            {
                graph.SetInitializerValue(biasValue, tensor);
            }
            else
            {
                var added = graph.AddInitializer(graph.UniqueName(conv.Name + "_bias"), tensor);
                if (conv.Inputs.Count < 3)
                {
                    conv.AddInput(added);
                }
                else
                {
                    conv.SetInput(2, added);
                }
            }
        }

        return _delta.Count;
    }
}
