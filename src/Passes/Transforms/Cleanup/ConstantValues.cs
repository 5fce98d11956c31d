
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Finds the tensor a value is guaranteed to hold at run time. An initializer that is also a graph input is not
/// constant (a caller may feed it), so only plain initializers and <c>Constant</c> node outputs qualify.
/// </summary>
internal static class ConstantValues
{
    public static Tensor? TryGet(Value? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.ConstValue is { } tensor)
        {
            return value.IsGraphInput ? null : tensor;
        }

        if (value.Producer is not { } producer || !producer.Is("Constant") || producer.Attributes.Count != 1)
        {
            return null;
        }

        return ConstantNode.ToTensor(producer.Attributes[0], stringShorthands: false);
    }

    /// <summary>Integer contents of a constant int32/int64 tensor, or null when the value is not such a constant.</summary>
    public static long[]? TryGetInts(Value? value) =>
        TryGet(value) is { DataType: DataType.Int64 or DataType.Int32 } t ? t.ToInt64Array() : null;

    /// <summary>Whether <paramref name="type"/> is a floating type whose values survive a round trip through double.</summary>
    public static bool IsWideningFloat(DataType type) => type is DataType.Float or DataType.Float16 or DataType.Double;

    /// <summary>Writes doubles back as a tensor of <paramref name="type"/> (float, float16 or double), rounding to nearest.</summary>
    public static Tensor FromDoubles(DataType type, double[] values, IReadOnlyList<long> dims)
    {
        long[] shape = [.. dims];
        return type switch
        {
            DataType.Float => Tensor.Create(Array.ConvertAll(values, v => (float)v), shape),
            DataType.Float16 => Tensor.Create(Array.ConvertAll(values, v => (Half)v), shape),
            DataType.Double => Tensor.Create(values, shape),
            _ => throw new ArgumentException($"cannot write {type.OnnxName()} from doubles", nameof(type)),
        };
    }
}
