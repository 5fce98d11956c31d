using System.Numerics.Tensors;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// Arithmetic kernels compute in one of two wide domains: double for floating-point types (float16, float, double,
/// bfloat16) and long for integers and bool. Every float32/float16 result of +, -, ×, ÷ and sqrt computed in double
/// and rounded once is the correctly rounded result, so widening costs no accuracy; integer results are truncated
/// back to the element type, which wraps exactly as the narrow arithmetic would.
/// </summary>
internal static class Numeric
{
    public static bool IsReal(DataType type) => type is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16;

    public static bool IsInteger(DataType type) => type is DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.UInt16
        or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64;

    /// <summary>Types the arithmetic kernels accept.</summary>
    public static bool IsSupported(DataType type) => IsReal(type) || IsInteger(type) || type == DataType.Bool;

    public static void Require(Tensor tensor, string op)
    {
        if (!IsSupported(tensor.DataType))
        {
            throw new KernelException($"{op}: element type {tensor.DataType.OnnxName()} is not supported by the built-in kernels");
        }
    }

    public static double[] Reals(Tensor tensor) => tensor.ToDoubleArray();

    public static long[] Integers(Tensor tensor) => tensor.ToInt64Array();

    /// <summary>Narrows double results to <paramref name="type"/> (C-style truncation for integers, != 0 for bool).</summary>
    public static Tensor FromReals(ReadOnlySpan<double> values, long[] dims, DataType type)
    {
        switch (type)
        {
            case DataType.Double:
                return Tensor.Create(values, dims);
            case DataType.Float:
                var floats = new float[values.Length];
                TensorPrimitives.ConvertTruncating(values, floats);
                return Tensor.Create(floats, dims);
            case DataType.Float16:
                var halves = new Half[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    halves[i] = (Half)values[i];
                }

                return Tensor.Create(halves, dims);
            case DataType.BFloat16:
                var bf = new ushort[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    bf[i] = ToBFloat16((float)values[i]);
                }

                return Tensor.FromBytes(DataType.BFloat16, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(bf.AsSpan()).ToArray());
            case DataType.Bool:
                var flags = new bool[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    flags[i] = values[i] != 0;
                }

                return Tensor.Create(flags, dims);
            default:
                var longs = new long[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    longs[i] = type == DataType.UInt64 ? (long)(ulong)values[i] : (long)values[i];
                }

                return FromIntegers(longs, dims, type);
        }
    }

    /// <summary>Narrows long results to <paramref name="type"/> (two's-complement wrap; float types convert).</summary>
    public static Tensor FromIntegers(ReadOnlySpan<long> values, long[] dims, DataType type, bool unsignedSource = false)
    {
        switch (type)
        {
            case DataType.Int64 or DataType.UInt64: return Tensor.FromBytes(type, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray());
            case DataType.Int32: return Narrow<int>(values, dims);
            case DataType.UInt32: return Narrow<uint>(values, dims);
            case DataType.Int16: return Narrow<short>(values, dims);
            case DataType.UInt16: return Narrow<ushort>(values, dims);
            case DataType.Int8: return Narrow<sbyte>(values, dims);
            case DataType.UInt8: return Narrow<byte>(values, dims);
            case DataType.Bool:
                var flags = new bool[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    flags[i] = values[i] != 0;
                }

                return Tensor.Create(flags, dims);
            default:
                if (!IsReal(type))
                {
                    throw new KernelException($"element type {type.OnnxName()} is not supported by the built-in kernels");
                }

                var reals = new double[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    reals[i] = unsignedSource ? (ulong)values[i] : values[i];
                }

                return FromReals(reals, dims, type);
        }
    }

    private static Tensor Narrow<T>(ReadOnlySpan<long> values, long[] dims)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateTruncating(values[i]);
        }

        return Tensor.Create(result, dims);
    }

    /// <summary>Round-to-nearest-even float → bfloat16 (NaN stays NaN).</summary>
    private static ushort ToBFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x40);
        }

        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
