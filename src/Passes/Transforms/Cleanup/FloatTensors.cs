using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Float tensors that the Conv fusions read as doubles and write back in their own type. Whether a value is
/// constant at all is <see cref="OnnxOpt.Graph.Analysis.ConstantValues"/>'s question.
/// </summary>
internal static class FloatTensors
{
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
