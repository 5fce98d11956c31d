using System.Numerics.Tensors;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The data-driven importance: the mean absolute value of every prunable Conv's activated output channel over the
/// calibration samples (after its SiLU x·sigmoid(x) or ReLU when it has one, since that is what later layers see).
/// </summary>
public static class ChannelActivations
{
    public static Dictionary<Node, double[]> MeanAbsolute(Model model, ChannelAnalysis analysis, IChannelCalibration calibration, CancellationToken cancellation)
    {
        var observed = analysis.Edits.OfType<ConvOutputEdit>().ToDictionary(e => e.Node, e => Activated(e.Node).Name);
        var sums = observed.ToDictionary(p => p.Value, p => new double[p.Key.Input(1)!.ConstValue!.Dims[0]]);
        using var session = calibration.Open(model, sums.Keys.ToList());
        var counts = sums.Keys.ToDictionary(k => k, _ => 0L);
        for (int sample = 0; sample < calibration.SampleCount; sample++)
        {
            cancellation.ThrowIfCancellationRequested();
            session.Run(sample, (name, dims, values) =>
            {
                if (!sums.TryGetValue(name, out var sum))
                {
                    return;
                }

                int plane = values.Length / sum.Length;
                for (int c = 0; c < sum.Length; c++)
                {
                    sum[c] += TensorPrimitives.SumOfMagnitudes(values.Slice(c * plane, plane));
                }

                counts[name] += plane;
            });
        }

        return observed.ToDictionary(p => p.Key, p => sums[p.Value].Select(s => counts[p.Value] == 0 ? 0 : s / counts[p.Value]).ToArray());
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
