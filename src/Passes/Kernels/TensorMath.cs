namespace OnnxOpt.Passes.Kernels;

/// <summary>Shape arithmetic shared by the kernels: element counts, axis normalisation, strides and ONNX (numpy) broadcasting.</summary>
internal static class TensorMath
{
    /// <summary>
    /// The largest result a kernel computes (16 M elements, 128 MB as int64): folding keeps results of a few MB (larger
    /// ones go to the ONNX Runtime fallback), and
    /// a hostile shape must fail fast instead of filling memory for seconds before the size check discards it.
    /// </summary>
    public const long MaxElements = 1L << 24;

    public static long Count(IReadOnlyList<long> dims)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new KernelException($"negative dimension {d}");
            }

            // Compared before multiplying: a huge declared dim would wrap the product below the limit.
            if (d != 0 && count > MaxElements / d)
            {
                throw new KernelException($"tensor of shape [{string.Join(",", dims)}] is too large to evaluate");
            }

            count *= d;
        }

        return count;
    }

    /// <summary>a * b, or a <see cref="KernelException"/> when the product leaves 64 bits (untrusted dims, shape values).</summary>
    public static long Multiply(long a, long b)
    {
        try
        {
            return checked(a * b);
        }
        catch (OverflowException)
        {
            throw new KernelException($"the product {a} * {b} overflows 64 bits");
        }
    }

    public static int Axis(long axis, int rank, string op)
    {
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw new KernelException($"{op}: axis {axis} is out of range for rank {rank}");
        }

        return (int)normalized;
    }

    /// <summary>Sorted, distinct, non-negative axes; a repeated axis is an error.</summary>
    public static int[] Axes(IEnumerable<long> axes, int rank, string op)
    {
        var result = axes.Select(a => Axis(a, rank, op)).ToArray();
        if (result.Distinct().Count() != result.Length)
        {
            throw new KernelException($"{op}: repeated axis in [{string.Join(",", axes)}]");
        }

        Array.Sort(result);
        return result;
    }

    public static long[] Strides(IReadOnlyList<long> dims)
    {
        var strides = new long[dims.Count];
        long stride = 1;
        for (int i = dims.Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= dims[i];
        }

        return strides;
    }

    /// <summary>The multidirectional broadcast of several shapes.</summary>
    public static long[] Broadcast(string op, params IReadOnlyList<long>[] shapes)
    {
        int rank = shapes.Max(s => s.Count);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long dim = 1;
            foreach (var shape in shapes)
            {
                int at = i - (rank - shape.Count);
                if (at < 0)
                {
                    continue;
                }

                long d = shape[at];
                if (d == dim || d == 1)
                {
                    continue;
                }

                if (dim != 1)
                {
                    throw new KernelException($"{op}: shapes {string.Join(" and ", shapes.Select(s => "[" + string.Join(",", s) + "]"))} cannot be broadcast");
                }

                dim = d;
            }

            result[i] = dim;
        }

        return result;
    }

    /// <summary>For each element of <paramref name="outDims"/>, the flat index of the element of a tensor of <paramref name="inDims"/> broadcast to it; null when the shapes are equal.</summary>
    public static int[]? BroadcastMap(IReadOnlyList<long> inDims, IReadOnlyList<long> outDims)
    {
        if (inDims.SequenceEqual(outDims))
        {
            return null;
        }

        int rank = outDims.Count;
        var strides = new long[rank];
        var inStrides = Strides(inDims);
        for (int i = 0; i < inDims.Count; i++)
        {
            int at = i + rank - inDims.Count;
            strides[at] = inDims[i] == 1 && outDims[at] != 1 ? 0 : inStrides[i];
        }

        return StridedMap(outDims, strides, 0);
    }

    /// <summary>Flat source indices of a strided view: element at multi-index i of <paramref name="outDims"/> reads offset + Σ i_k·stride_k.</summary>
    public static int[] StridedMap(IReadOnlyList<long> outDims, IReadOnlyList<long> strides, long offset)
    {
        int count = (int)Count(outDims);
        var map = new int[count];
        if (count == 0)
        {
            return map;
        }

        int rank = outDims.Count;
        var index = new long[rank];
        long current = offset;
        int inner = rank - 1;
        for (int flat = 0; flat < count; flat++)
        {
            map[flat] = (int)current;
            for (int axis = inner; axis >= 0; axis--)
            {
                index[axis]++;
                current += strides[axis];
                if (index[axis] < outDims[axis])
                {
                    break;
                }

                current -= strides[axis] * index[axis];
                index[axis] = 0;
            }
        }

        return map;
    }

    /// <summary>
    /// Flat source indices when each output axis reads its own source coordinate: element o reads Σ coords[k][o_k]·strides[k],
    /// or -1 when any coordinate is -1 (a padding element).
    /// </summary>
    public static int[] AxisMap(IReadOnlyList<long> outDims, long[][] coordinates, IReadOnlyList<long> sourceStrides)
    {
        int count = (int)Count(outDims);
        var map = new int[count];
        int rank = outDims.Count;
        if (count == 0)
        {
            return map;
        }

        if (rank == 0)
        {
            map[0] = 0;
            return map;
        }

        var index = new int[rank];
        for (int flat = 0; flat < count; flat++)
        {
            long offset = 0;
            for (int axis = 0; axis < rank; axis++)
            {
                long coordinate = coordinates[axis][index[axis]];
                if (coordinate < 0)
                {
                    offset = -1;
                    break;
                }

                offset += coordinate * sourceStrides[axis];
            }

            map[flat] = (int)offset;
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                if (++index[axis] < outDims[axis])
                {
                    break;
                }

                index[axis] = 0;
            }
        }

        return map;
    }

    public static string Format(IReadOnlyList<long> dims) => "[" + string.Join(",", dims) + "]";
}
