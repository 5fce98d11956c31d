using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Tests.Support;

/// <summary>Random constant tensors of every storage class: wide and narrow floats, packed 4-bit, bool, integers, strings.</summary>
internal static class RandomTensors
{
    public static readonly DataType[] Types =
    [
        DataType.Float, DataType.Double, DataType.Float16, DataType.BFloat16, DataType.Int4, DataType.UInt4,
        DataType.Bool, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16, DataType.Int32,
        DataType.Int64, DataType.UInt32, DataType.UInt64, DataType.String, DataType.Complex64,
        DataType.Float8E4M3FN, DataType.Float4E2M1, DataType.Int2,
    ];

    public static Tensor Any(Random rng) => Of(rng, Types[rng.Next(Types.Length)]);

    public static Tensor Of(Random rng, DataType type)
    {
        var dims = new long[rng.Next(0, 4)];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = rng.Next(0, 5);
        }

        long count = Tensor.CountElements(dims);
        Tensor tensor;
        if (type == DataType.String)
        {
            var values = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                // Not necessarily valid UTF-8: string_data holds bytes and must come back as the same bytes.
                values[i] = new byte[rng.Next(0, 6)];
                rng.NextBytes(values[i]);
            }

            tensor = Tensor.FromStrings(dims, values);
        }
        else
        {
            var bytes = new byte[type.ByteCount(count)];
            rng.NextBytes(bytes);
            if (type == DataType.Bool)
            {
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] &= 1;
                }
            }

            tensor = Tensor.FromBytes(type, dims, bytes);
        }

        return rng.Next(4) == 0 ? tensor.WithDocString("doc " + rng.Next(100)) : tensor;
    }

    public static Tensor Floats(Random rng, params long[] dims)
    {
        var values = new float[Tensor.CountElements(dims)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        return Tensor.Create(values, dims);
    }
}
