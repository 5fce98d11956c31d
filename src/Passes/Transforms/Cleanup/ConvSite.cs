using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// A Conv whose output feeds exactly one per-output-channel affine op (BatchNormalization, Add or Mul by a
/// constant) and whose weight and bias are float constants, so the op can be folded into them:
/// <c>op(conv(x, W, b)) = conv(x, W * scale, b * scale + shift)</c> per output channel. Math is done in double and
/// written back in the weight's own type (float, float16 or double).
/// </summary>
internal sealed class ConvSite
{
    private ConvSite(Node conv, Tensor weight, Tensor? bias)
    {
        Conv = conv;
        Weight = weight;
        Bias = bias;
    }

    public Node Conv { get; }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public long Channels => Weight.Dims[0];

    /// <summary>Rank of the Conv output, which equals the weight's rank.</summary>
    public int OutputRank => Weight.Rank;

    public DataType Type => Weight.DataType;

    /// <summary>Finds the Conv producing <paramref name="value"/>, read only by <paramref name="consumer"/>; null with a reason when it cannot absorb an op.</summary>
    public static ConvSite? Find(Value value, Node consumer, out string reason)
    {
        if (value.Producer is not { } conv || !conv.Is("Conv") || value.ProducerOutputIndex != 0)
        {
            reason = $"'{value.Name}' is not a Conv output";
            return null;
        }

        if (conv.Graph != consumer.Graph)
        {
            reason = $"Conv '{conv.Name}' is in another graph";
            return null;
        }

        if (value.Uses.Count != 1 || value.IsGraphOutput || value.IsReturnedBySubgraph)
        {
            reason = value.Uses.Count != 1
                ? $"Conv output '{value.Name}' has {value.Uses.Count} uses"
                : $"Conv output '{value.Name}' is a graph output";
            return null;
        }

        if (ConstantValues.TryGet(conv.Input(1)) is not { } weight)
        {
            reason = $"Conv '{conv.Name}' weight is not a constant";
            return null;
        }

        if (!FloatTensors.IsWideningFloat(weight.DataType) || weight.Rank < 3 || weight.Dims[0] <= 0)
        {
            reason = $"Conv '{conv.Name}' weight is {weight}, not a float tensor of rank 3 or more";
            return null;
        }

        Tensor? bias = null;
        if (conv.Input(2) is { } biasValue)
        {
            bias = ConstantValues.TryGet(biasValue);
            if (bias is null || bias.DataType != weight.DataType || bias.Rank != 1 || bias.Dims[0] != weight.Dims[0])
            {
                reason = $"Conv '{conv.Name}' bias is not a constant {weight.DataType.OnnxName()}[{weight.Dims[0]}]";
                return null;
            }
        }

        reason = string.Empty;
        return new ConvSite(conv, weight, bias);
    }

    /// <summary>
    /// Folds <c>y = x * scale + shift</c> (per output channel; null scale means 1, null shift means 0) into the Conv,
    /// then removes <paramref name="consumer"/>, whose output the Conv now produces. The new weight and bias are new
    /// initializers with fresh names; the old ones are left for eliminate-unused-initializers.
    /// Returns true when the Conv output took over a graph output's name.
    /// </summary>
    public bool Fold(double[]? scale, double[]? shift, Node consumer)
    {
        var graph = Conv.Graph!;
        string weightName = Conv.Input(1)!.Name;
        if (scale is not null)
        {
            var weights = Weight.ToDoubleArray();
            int block = (int)(weights.Length / Channels);
            for (int m = 0; m < Channels; m++)
            {
                TensorPrimitives.Multiply(weights.AsSpan(m * block, block), scale[m], weights.AsSpan(m * block, block));
            }

            var weightValue = graph.AddInitializer(FreshName(graph, weightName), FloatTensors.FromDoubles(Type, weights, Weight.Dims));
            Conv.SetInput(1, weightValue);
        }

        if (shift is not null || (scale is not null && Bias is not null))
        {
            var bias = Bias?.ToDoubleArray() ?? new double[Channels];
            for (int m = 0; m < Channels; m++)
            {
                bias[m] = (bias[m] * (scale?[m] ?? 1)) + (shift?[m] ?? 0);
            }

            string hint = Conv.Input(2)?.Name ?? $"{weightName}_bias";
            var biasValue = graph.AddInitializer(FreshName(graph, hint), FloatTensors.FromDoubles(Type, bias, [Channels]));
            if (Conv.Inputs.Count >= 3)
            {
                Conv.SetInput(2, biasValue);
            }
            else
            {
                Conv.AddInput(biasValue);
            }
        }

        return OutputForwarding.ForwardAndRemove(consumer, consumer.Output(0), Conv.Output(0));
    }

    private static string FreshName(OnnxOpt.Graph.IR.OnnxGraph graph, string name) =>
        graph.UniqueName(name.EndsWith("_fused", StringComparison.Ordinal) ? name : name + "_fused");
}
