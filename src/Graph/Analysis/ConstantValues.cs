using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Analysis;

/// <summary>
/// The one answer to "is this value a compile-time constant, and what does it hold". ONNX makes an initializer
/// that is also a graph input a default that the caller may override, so it is not constant; plain
/// initializers and the outputs of <c>Constant</c> nodes (with a numeric or tensor value) are.
/// </summary>
public static class ConstantValues
{
    /// <summary>The tensor <paramref name="value"/> is guaranteed to hold at run time, or null.</summary>
    public static Tensor? TryGet(Value? value)
    {
        if (value is null || value.Name.Length == 0)
        {
            return null;
        }

        if (value.ConstValue is { } tensor)
        {
            return value.IsGraphInput ? null : tensor;
        }

        return value.Producer is { } producer && producer.Is("Constant") ? ConstantNode.Value(producer, stringShorthands: false) : null;
    }

    /// <summary>Integer contents of a constant int32/int64 tensor, or null when the value is not such a constant.</summary>
    public static long[]? TryGetInts(Value? value) =>
        TryGet(value) is { DataType: DataType.Int64 or DataType.Int32 } t ? t.ToInt64Array() : null;

    /// <summary>Whether <paramref name="value"/> is a compile-time constant.</summary>
    public static bool IsConstant(Value? value) => TryGet(value) is not null;
}
