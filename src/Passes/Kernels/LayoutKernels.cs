using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Slice, Transpose, Expand, Tile and Pad: strided or per-axis views of the input, for any element type.</summary>
internal static class LayoutKernels
{
    /// <summary>Slice: starts/ends/axes are attributes before opset 10 (no steps), inputs from 10.</summary>
    public static IReadOnlyList<Tensor> Slice(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        long[] starts, ends;
        long[]? axes, steps = null;
        if (c.Opset < 10)
        {
            starts = c.Ints("starts")?.ToArray() ?? throw c.Unsupported("missing starts");
            ends = c.Ints("ends")?.ToArray() ?? throw c.Unsupported("missing ends");
            axes = c.Ints("axes")?.ToArray();
        }
        else
        {
            starts = c.Input(1).ToInt64Array();
            ends = c.Input(2).ToInt64Array();
            axes = c.Optional(3)?.ToInt64Array();
            steps = c.Optional(4)?.ToInt64Array();
        }

        var plan = SlicePlan(dims, starts, ends, axes, steps);
        var strides = TensorMath.Strides(dims);
        long offset = 0;
        var outStrides = new long[dims.Length];
        for (int k = 0; k < dims.Length; k++)
        {
            offset += plan.Starts[k] * strides[k];
            outStrides[k] = plan.Steps[k] * strides[k];
        }

        var map = TensorMath.StridedMap(plan.Dims, outStrides, offset);
        return [ElementCopy.Gather(data, map, plan.Dims)];
    }

    /// <summary>Per-axis start, step and result length after ONNX's clamping rules (negative steps included).</summary>
    public static (long[] Starts, long[] Steps, long[] Dims) SlicePlan(long[] dims, long[] starts, long[] ends, long[]? axes, long[]? steps)
    {
        int rank = dims.Length;
        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        steps ??= Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw new KernelException("Slice: starts, ends, axes and steps differ in length");
        }

        var outStarts = new long[rank];
        var outSteps = Enumerable.Repeat(1L, rank).ToArray();
        var outDims = (long[])dims.Clone();
        TensorMath.Axes(axes, rank, "Slice");
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = TensorMath.Axis(axes[i], rank, "Slice");
            long d = dims[axis];
            long step = steps[i];
            if (step == 0)
            {
                throw new KernelException("Slice: step 0");
            }

            long start = starts[i] < 0 ? starts[i] + d : starts[i];
            long end = ends[i] < 0 ? ends[i] + d : ends[i];
            long count;
            if (step > 0)
            {
                start = Math.Clamp(start, 0, d);
                end = Math.Clamp(end, 0, d);
                count = end > start ? ((end - start - 1) / step) + 1 : 0;
            }
            else
            {
                start = Math.Clamp(start, 0, d - 1);
                end = Math.Clamp(end, -1, d - 1);
                count = start > end ? ((start - end - 1) / -step) + 1 : 0;
            }

            outStarts[axis] = count == 0 ? 0 : start;
            outSteps[axis] = step;
            outDims[axis] = count;
        }

        return (outStarts, outSteps, outDims);
    }

    public static IReadOnlyList<Tensor> Transpose(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        var perm = c.Ints("perm")?.ToArray() ?? Enumerable.Range(0, dims.Length).Reverse().Select(i => (long)i).ToArray();
        if (perm.Length != dims.Length || perm.OrderBy(p => p).Where((p, i) => p != i).Any())
        {
            throw c.Unsupported($"perm [{string.Join(",", perm)}] is not a permutation of rank {dims.Length}");
        }

        var strides = TensorMath.Strides(dims);
        var outDims = perm.Select(p => dims[p]).ToArray();
        var outStrides = perm.Select(p => strides[p]).ToArray();
        return [ElementCopy.Gather(data, TensorMath.StridedMap(outDims, outStrides, 0), outDims)];
    }

    public static IReadOnlyList<Tensor> Expand(KernelCall c)
    {
        var data = c.Input(0);
        var shape = c.Input(1).ToInt64Array();
        var outDims = TensorMath.Broadcast("Expand", data.Dims, shape);
        return [ElementCopy.Gather(data, TensorMath.BroadcastMap(data.Dims, outDims), outDims)];
    }

    public static IReadOnlyList<Tensor> Tile(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        var repeats = c.Input(1).ToInt64Array();
        if (repeats.Length != dims.Length || repeats.Any(r => r < 0))
        {
            throw c.Unsupported($"repeats [{string.Join(",", repeats)}] do not fit rank {dims.Length}");
        }

        var outDims = dims.Select((d, k) => d * repeats[k]).ToArray();
        var coordinates = outDims.Select((o, k) => Enumerable.Range(0, (int)o).Select(i => i % dims[k]).ToArray()).ToArray();
        return [ElementCopy.Gather(data, TensorMath.AxisMap(outDims, coordinates, TensorMath.Strides(dims)), outDims)];
    }

    /// <summary>Pad: pads/value/mode are attributes before opset 11, pads and constant_value inputs from 11 (axes from 18).</summary>
    public static IReadOnlyList<Tensor> Pad(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        int rank = dims.Length;
        string mode = c.String("mode", "constant");
        long[] pads;
        Tensor fill;
        if (c.Opset < 11)
        {
            pads = c.Ints(c.Opset < 2 ? "paddings" : "pads")?.ToArray() ?? throw c.Unsupported("missing pads");
            fill = Numeric.FromReals([c.Float("value", 0)], [], data.DataType);
        }
        else
        {
            pads = c.Input(1).ToInt64Array();
            fill = c.Optional(2) ?? Numeric.FromReals([0], [], data.DataType);
            if (c.Optional(3) is { } axesTensor)
            {
                var axes = TensorMath.Axes(axesTensor.ToInt64Array(), rank, "Pad");
                var full = new long[2 * rank];
                for (int i = 0; i < axes.Length; i++)
                {
                    full[axes[i]] = pads[i];
                    full[axes[i] + rank] = pads[i + axes.Length];
                }

                pads = full;
            }
        }

        if (pads.Length != 2 * rank)
        {
            throw c.Unsupported($"{pads.Length} pads for rank {rank}");
        }

        var outDims = dims.Select((d, k) => d + pads[k] + pads[k + rank]).ToArray();
        if (outDims.Any(d => d < 0))
        {
            throw c.Unsupported("pads remove more than the whole axis");
        }

        var coordinates = new long[rank][];
        for (int k = 0; k < rank; k++)
        {
            long d = dims[k];
            long begin = pads[k];
            coordinates[k] = Enumerable.Range(0, (int)outDims[k]).Select(o => Source(o - begin, d, mode, c)).ToArray();
        }

        var map = TensorMath.AxisMap(outDims, coordinates, TensorMath.Strides(dims));
        int fillIndex = (int)data.ElementCount;
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] < 0)
            {
                map[i] = fillIndex;
            }
        }

        if (fill.DataType != data.DataType)
        {
            throw c.Unsupported("constant_value has another type than the data");
        }

        var joined = ElementCopy.Join([data, fill.Reshape([1])], [data.ElementCount + 1], data.DataType);
        return [ElementCopy.Gather(joined, map, outDims)];
    }

    private static long Source(long at, long dim, string mode, KernelCall c)
    {
        if (at >= 0 && at < dim)
        {
            return at;
        }

        if (dim == 0 && mode != "constant")
        {
            throw c.Unsupported($"mode {mode} cannot pad an empty axis");
        }

        switch (mode)
        {
            case "constant":
                return -1;
            case "edge":
                return Math.Clamp(at, 0, dim - 1);
            case "wrap":
                return ((at % dim) + dim) % dim;
            case "reflect":
                if (dim == 1)
                {
                    return 0;
                }

                long period = 2 * (dim - 1);
                long m = ((at % period) + period) % period;
                return m < dim ? m : period - m;
            default:
                throw c.Unsupported($"mode '{mode}' is not supported");
        }
    }
}
