using System.Numerics.Tensors;

namespace OnnxOpt.Graph.IR;

/// <summary>Widening conversions of tensor data to double and long, shared by printers, checks and kernels.</summary>
internal static class TensorValues
{
    public static double[] ToDoubles(Tensor t)
    {
        var result = new double[t.ElementCount];
        switch (t.DataType)
        {
            case DataType.Float: TensorPrimitives.ConvertChecked<float, double>(t.Span<float>(), result); break;
            case DataType.Double: t.Span<double>().CopyTo(result); break;
            case DataType.Float16: TensorPrimitives.ConvertChecked<Half, double>(t.Span<Half>(), result); break;
            case DataType.BFloat16:
                var bf = t.Span<ushort>();
                for (int i = 0; i < bf.Length; i++)
                {
                    result[i] = BitConverter.Int32BitsToSingle(bf[i] << 16);
                }

                break;
            default:
                var longs = ToInt64s(t);
                for (int i = 0; i < longs.Length; i++)
                {
                    result[i] = t.DataType == DataType.UInt64 ? (ulong)longs[i] : longs[i];
                }

                break;
        }

        return result;
    }

    public static long[] ToInt64s(Tensor t)
    {
        var result = new long[t.ElementCount];
        switch (t.DataType)
        {
            case DataType.Int64: t.Span<long>().CopyTo(result); break;
            case DataType.UInt64: t.Span<long>().CopyTo(result); break;
            case DataType.Int32: Widen(t.Span<int>(), result); break;
            case DataType.UInt32: Widen(t.Span<uint>(), result); break;
            case DataType.Int16: Widen(t.Span<short>(), result); break;
            case DataType.UInt16: Widen(t.Span<ushort>(), result); break;
            case DataType.Int8: Widen(t.Span<sbyte>(), result); break;
            case DataType.UInt8 or DataType.Bool: Widen(t.Span<byte>(), result); break;
            case DataType.Float or DataType.Double or DataType.Float16:
                var d = ToDoubles(t);
                for (int i = 0; i < d.Length; i++)
                {
                    result[i] = (long)d[i];
                }

                break;
            default:
                throw new NotSupportedException($"cannot read {t.DataType.OnnxName()} values as integers");
        }

        return result;
    }

    private static void Widen<T>(ReadOnlySpan<T> source, long[] destination)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = long.CreateTruncating(source[i]);
        }
    }
}
