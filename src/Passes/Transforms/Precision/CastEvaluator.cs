using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// Applies a Cast to constant data the way ONNX Runtime's Cast kernel does: floats round to nearest even
/// (overflow gives infinity, no clamping), double and integers reach float16 through float32, floats become
/// integers by truncation toward zero, anything becomes bool as "not zero", and integers narrow by wrapping.
/// Casts whose result the spec leaves undefined (float out of an integer's range) and exotic types (strings,
/// bfloat16, float8, packed 4-bit) are not evaluated.
/// </summary>
internal static class CastEvaluator
{
    public static Tensor? TryEvaluate(Tensor source, DataType to)
    {
        var from = source.DataType;
        if (!IsSupported(from) || !IsSupported(to))
        {
            return null;
        }

        var dims = source.DimsArray();
        if (from == DataType.Float && to == DataType.Float16)
        {
            var halves = new Half[source.ElementCount];
            TensorPrimitives.ConvertToHalf(source.Span<float>(), halves);
            return Tensor.Create(halves, dims);
        }

        if (from == DataType.Float16 && to == DataType.Float)
        {
            var floats = new float[source.ElementCount];
            TensorPrimitives.ConvertToSingle(source.Span<Half>(), floats);
            return Tensor.Create(floats, dims);
        }

        if (IsFloat(from))
        {
            var values = source.ToDoubleArray();
            return IsFloat(to) ? FromDoubles(values, to, dims)
                : to == DataType.Bool ? Pack(values.Select(v => v != 0 ? 1L : 0L).ToArray(), to, dims)
                : Truncate(values, to, dims);
        }

        var integers = source.ToInt64Array();
        if (IsFloat(to))
        {
            var doubles = from == DataType.UInt64
                ? integers.Select(i => (double)(float)(ulong)i).ToArray()
                : integers.Select(i => to == DataType.Double ? i : (double)(float)i).ToArray();
            return FromDoubles(doubles, to, dims);
        }

        return Pack(to == DataType.Bool ? integers.Select(i => i != 0 ? 1L : 0L).ToArray() : integers, to, dims);
    }

    private static bool IsSupported(DataType type) => IsFloat(type) || type is DataType.Bool or DataType.Int8 or DataType.UInt8
        or DataType.Int16 or DataType.UInt16 or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64;

    private static bool IsFloat(DataType type) => type is DataType.Float or DataType.Float16 or DataType.Double;

    /// <summary>Doubles to a float type; double to float16 goes through float32 as ONNX Runtime does.</summary>
    private static Tensor FromDoubles(double[] values, DataType to, long[] dims) => to switch
    {
        DataType.Double => Tensor.Create(values, dims),
        DataType.Float => Tensor.Create(values.Select(v => (float)v).ToArray(), dims),
        _ => Tensor.Create(values.Select(v => (Half)(float)v).ToArray(), dims),
    };

    private static Tensor? Truncate(double[] values, DataType to, long[] dims)
    {
        var (min, max) = Range(to);
        var integers = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double truncated = Math.Truncate(values[i]);
            if (double.IsNaN(truncated) || truncated < min || truncated > max)
            {
                return null;
            }

            integers[i] = to == DataType.UInt64 ? (long)(ulong)truncated : (long)truncated;
        }

        return Pack(integers, to, dims);
    }

    private static (double Min, double Max) Range(DataType type) => type switch
    {
        DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DataType.UInt8 => (byte.MinValue, byte.MaxValue),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        DataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        DataType.Int32 => (int.MinValue, int.MaxValue),
        DataType.UInt32 => (uint.MinValue, uint.MaxValue),
        DataType.UInt64 => (0, 1.8446744073709550e19),

        // The largest double below 2^63, so the conversion to long cannot overflow.
        _ => (-9.2233720368547758e18, 9.2233720368547748e18),
    };

    /// <summary>Integers to an integer or bool type, keeping the low bits (C-style wrapping).</summary>
    private static Tensor Pack(long[] values, DataType to, long[] dims)
    {
        var bytes = new byte[to.ByteCount(values.Length)];
        switch (to)
        {
            case DataType.Int8 or DataType.UInt8 or DataType.Bool:
                for (int i = 0; i < values.Length; i++)
                {
                    bytes[i] = unchecked((byte)values[i]);
                }

                break;
            case DataType.Int16 or DataType.UInt16:
                Narrow(values, MemoryMarshal.Cast<byte, ushort>(bytes.AsSpan()), v => unchecked((ushort)v));
                break;
            case DataType.Int32 or DataType.UInt32:
                Narrow(values, MemoryMarshal.Cast<byte, uint>(bytes.AsSpan()), v => unchecked((uint)v));
                break;
            default:
                values.AsSpan().CopyTo(MemoryMarshal.Cast<byte, long>(bytes.AsSpan()));
                break;
        }

        return Tensor.FromBytes(to, dims, bytes);
    }

    private static void Narrow<T>(long[] values, Span<T> destination, Func<long, T> convert)
    {
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = convert(values[i]);
        }
    }
}
