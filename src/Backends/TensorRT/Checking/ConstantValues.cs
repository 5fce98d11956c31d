using OnnxOpt.Graph;

namespace OnnxOpt.Backends.TensorRT;

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

    private static Tensor? FromConstantNode(Node node)
    {
        if (node.FindAttribute("value")?.RawValue is Tensor tensor)
        {
            return tensor;
        }

        if (node.FindAttribute("value_int") is { } i)
        {
            return Tensor.Scalar(i.AsInt());
        }

        if (node.FindAttribute("value_ints") is { } ints)
        {
            return Tensor.Create(ints.AsInts().ToArray(), ints.AsInts().Count);
        }

        if (node.FindAttribute("value_float") is { } f)
        {
            return Tensor.Scalar(f.AsFloat());
        }

        if (node.FindAttribute("value_floats") is { } floats)
        {
            return Tensor.Create(floats.AsFloats().ToArray(), floats.AsFloats().Count);
        }

        return null;
    }
}
