
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// What TensorRT's parser treats as weights: initializers and Constant node outputs (through Identity), plus
/// DequantizeLinear of such a constant, which the Q/DQ import keeps as quantized weights.
/// </summary>
public static class ConstantValues
{
    /// <summary>The constant data of <paramref name="value"/>, or null when it is computed at run time.</summary>
    public static Tensor? TryGet(Value? value)
    {
        for (int depth = 0; value is not null && depth < 16; depth++)
        {
            if (value.ConstValue is { } tensor)
            {
                return tensor;
            }

            var producer = value.Producer;
            if (producer is null)
            {
                return null;
            }

            if (producer.Is("Constant"))
            {
                return FromConstantNode(producer);
            }

            if (!producer.Is("Identity"))
            {
                return null;
            }

            value = producer.Input(0);
        }

        return null;
    }

    public static bool IsConstantLike(Value? value) =>
        TryGet(value) is not null || (value?.Producer is { } p && p.Is("DequantizeLinear") && TryGet(p.Input(0)) is not null);

    private static Tensor? FromConstantNode(Node node) => ConstantNode.Value(node, stringShorthands: false);
}
