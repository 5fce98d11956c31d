using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// What TensorRT's parser treats as weights: constants in the ONNX sense (<see cref="ConstantValues"/>: an
/// initializer that is also a graph input is a default, not a constant) reached through Identity, plus
/// DequantizeLinear of such a constant, which the Q/DQ import keeps as quantized weights.
/// </summary>
public static class ParserWeights
{
    /// <summary>The constant data of <paramref name="value"/>, or null when it is computed at run time.</summary>
    public static Tensor? TryGet(Value? value)
    {
        for (int depth = 0; value is not null && depth < 16; depth++)
        {
            if (ConstantValues.TryGet(value) is { } tensor)
            {
                return tensor;
            }

            if (value.Producer is not { } producer || !producer.Is("Identity"))
            {
                return null;
            }

            value = producer.Input(0);
        }

        return null;
    }

    public static bool IsConstantLike(Value? value) =>
        TryGet(value) is not null || (value?.Producer is { } p && p.Is("DequantizeLinear") && TryGet(p.Input(0)) is not null);
}
