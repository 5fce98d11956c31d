using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Gather, GatherElements, Concat and Split: data movement along one axis, for any element type.</summary>
internal static class IndexingKernels
{
    public static IReadOnlyList<Tensor> Gather(KernelCall c)
    {
        var data = c.Input(0);
        var indices = c.Input(1);
        var dims = data.DimsArray();
        int axis = TensorMath.Axis(c.Int("axis", 0), dims.Length, "Gather");
        var idx = Indices(indices, dims[axis], "Gather");
        long outer = dims[..axis].Aggregate(1L, TensorMath.Multiply);
        long inner = dims[(axis + 1)..].Aggregate(1L, TensorMath.Multiply);
        var outDims = dims[..axis].Concat(indices.Dims).Concat(dims[(axis + 1)..]).ToArray();
        var map = new int[TensorMath.Count(outDims)];
        int at = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (long i in idx)
            {
                long start = ((o * dims[axis]) + i) * inner;
                for (long j = 0; j < inner; j++)
                {
                    map[at++] = (int)(start + j);
                }
            }
        }

        return [ElementCopy.Gather(data, map, outDims)];
    }

    public static IReadOnlyList<Tensor> GatherElements(KernelCall c)
    {
        var data = c.Input(0);
        var indices = c.Input(1);
        var dims = data.DimsArray();
        int axis = TensorMath.Axis(c.Int("axis", 0), dims.Length, "GatherElements");
        if (indices.Rank != dims.Length)
        {
            throw c.Unsupported("indices must have the rank of the data");
        }

        var idx = Indices(indices, dims[axis], "GatherElements");
        var outDims = indices.DimsArray();
        var dataStrides = TensorMath.Strides(dims);
        var outStrides = TensorMath.Strides(outDims);
        var map = new int[idx.Length];
        for (int flat = 0; flat < idx.Length; flat++)
        {
            long source = 0;
            long rest = flat;
            for (int k = 0; k < outDims.Length; k++)
            {
                long coordinate = rest / outStrides[k];
                rest %= outStrides[k];
                source += (k == axis ? idx[flat] : coordinate) * dataStrides[k];
            }

            map[flat] = (int)source;
        }

        return [ElementCopy.Gather(data, map, outDims)];
    }

    public static IReadOnlyList<Tensor> Concat(KernelCall c)
    {
        var parts = c.Inputs.Select((t, i) => t ?? throw c.Unsupported($"input {i} is missing")).ToList();
        var first = parts[0];
        int rank = first.Rank;
        int axis = TensorMath.Axis(c.Node.FindAttribute("axis")?.AsInt() ?? (c.Opset < 4 ? 1 : throw c.Unsupported("missing axis")), rank, "Concat");
        var outDims = first.DimsArray();
        outDims[axis] = 0;
        foreach (var part in parts)
        {
            if (part.DataType != first.DataType || part.Rank != rank || Enumerable.Range(0, rank).Any(k => k != axis && part.Dims[k] != first.Dims[k]))
            {
                throw c.Unsupported($"inputs {first} and {part} cannot be concatenated on axis {axis}");
            }

            outDims[axis] += part.Dims[axis];
        }

        long outer = outDims[..axis].Aggregate(1L, TensorMath.Multiply);
        long inner = outDims[(axis + 1)..].Aggregate(1L, TensorMath.Multiply);
        var map = new int[TensorMath.Count(outDims)];
        int at = 0;
        for (long o = 0; o < outer; o++)
        {
            long offset = 0;
            foreach (var part in parts)
            {
                long chunk = part.Dims[axis] * inner;
                for (long j = 0; j < chunk; j++)
                {
                    map[at++] = (int)(offset + (o * chunk) + j);
                }

                offset += part.ElementCount;
            }
        }

        var joined = ElementCopy.Join(parts, [parts.Sum(p => p.ElementCount)], first.DataType);
        return [ElementCopy.Gather(joined, map, outDims)];
    }

    /// <summary>Split: sizes are an attribute before opset 13 and an optional input from 13; without them, equal parts (opset 18: the last may be smaller).</summary>
    public static IReadOnlyList<Tensor> Split(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        int axis = TensorMath.Axis(c.Int("axis", 0), dims.Length, "Split");
        var sizes = c.Opset < 13 ? c.Ints("split")?.ToArray() : c.Optional(1)?.ToInt64Array();
        sizes ??= EqualParts(dims[axis], (int)c.Int("num_outputs", c.OutputCount), c.Opset);
        if (sizes.Length != c.OutputCount || sizes.Sum() != dims[axis] || sizes.Any(s => s < 0))
        {
            throw c.Unsupported($"split sizes [{string.Join(",", sizes)}] do not fit dim {dims[axis]} into {c.OutputCount} outputs");
        }

        var strides = TensorMath.Strides(dims);
        var results = new List<Tensor>();
        long start = 0;
        foreach (long size in sizes)
        {
            var outDims = (long[])dims.Clone();
            outDims[axis] = size;
            var map = TensorMath.StridedMap(outDims, strides, start * strides[axis]);
            results.Add(ElementCopy.Gather(data, map, outDims));
            start += size;
        }

        return results;
    }

    private static long[] EqualParts(long dim, int parts, long opset)
    {
        if (parts <= 0)
        {
            throw new KernelException("Split: no outputs");
        }

        if (dim % parts == 0)
        {
            return Enumerable.Repeat(dim / parts, parts).ToArray();
        }

        if (opset < 18)
        {
            throw new KernelException($"Split: dim {dim} does not split into {parts} equal parts");
        }

        long chunk = (dim + parts - 1) / parts;
        return Enumerable.Range(0, parts).Select(i => Math.Max(0, Math.Min(chunk, dim - (i * chunk)))).ToArray();
    }

    /// <summary>Index values made non-negative; an index outside [-dim, dim) is an error.</summary>
    private static long[] Indices(Tensor indices, long dim, string op)
    {
        if (indices.DataType is not (DataType.Int32 or DataType.Int64))
        {
            throw new KernelException($"{op}: indices must be int32 or int64, got {indices.DataType.OnnxName()}");
        }

        var values = indices.ToInt64Array();
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i] < 0 ? values[i] + dim : values[i];
            if (v < 0 || v >= dim)
            {
                throw new KernelException($"{op}: index {values[i]} is out of range for dim {dim}");
            }

            values[i] = v;
        }

        return values;
    }
}
