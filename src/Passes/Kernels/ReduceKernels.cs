using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// ReduceSum/Mean/Max/Min/Prod/SumSquare/L1/L2/LogSum/LogSumExp. Axes are an attribute until opset 12 for ReduceSum
/// and opset 17 for the others, then an optional input (with noop_with_empty_axes); no axes means all of them.
/// </summary>
internal static class ReduceKernels
{
    private enum Kind
    {
        Sum,
        Mean,
        Max,
        Min,
        Prod,
        SumSquare,
        L1,
        L2,
        LogSum,
        LogSumExp,
    }

    public static IReadOnlyList<Tensor> Sum(KernelCall c) => Reduce(c, Kind.Sum, 13);

    public static IReadOnlyList<Tensor> Mean(KernelCall c) => Reduce(c, Kind.Mean, 18);

    public static IReadOnlyList<Tensor> Max(KernelCall c) => Reduce(c, Kind.Max, 18);

    public static IReadOnlyList<Tensor> Min(KernelCall c) => Reduce(c, Kind.Min, 18);

    public static IReadOnlyList<Tensor> Prod(KernelCall c) => Reduce(c, Kind.Prod, 18);

    public static IReadOnlyList<Tensor> SumSquare(KernelCall c) => Reduce(c, Kind.SumSquare, 18);

    public static IReadOnlyList<Tensor> L1(KernelCall c) => Reduce(c, Kind.L1, 18);

    public static IReadOnlyList<Tensor> L2(KernelCall c) => Reduce(c, Kind.L2, 18);

    public static IReadOnlyList<Tensor> LogSum(KernelCall c) => Reduce(c, Kind.LogSum, 18);

    public static IReadOnlyList<Tensor> LogSumExp(KernelCall c) => Reduce(c, Kind.LogSumExp, 18);

    /// <summary>The reduced axes (sorted), or null for "no reduction" (noop_with_empty_axes with empty axes).</summary>
    public static int[]? ReducedAxes(KernelCall c, int rank, long axesInputOpset)
    {
        long[]? axes = c.Opset < axesInputOpset ? c.Ints("axes")?.ToArray() : c.Optional(1)?.ToInt64Array();
        if (axes is null || axes.Length == 0)
        {
            return c.Opset >= axesInputOpset && c.Int("noop_with_empty_axes", 0) != 0 ? null : Enumerable.Range(0, rank).ToArray();
        }

        return TensorMath.Axes(axes, rank, c.Node.OpType);
    }

    private static IReadOnlyList<Tensor> Reduce(KernelCall c, Kind kind, long axesInputOpset)
    {
        var data = c.Input(0);
        Numeric.Require(data, c.Node.OpType);
        var dims = data.DimsArray();
        var axes = ReducedAxes(c, dims.Length, axesInputOpset);
        if (axes is null)
        {
            return [data];
        }

        bool keep = c.Int("keepdims", 1) != 0;
        var keptDims = dims.Select((d, k) => axes.Contains(k) ? 1 : d).ToArray();
        var outDims = keep ? keptDims : dims.Where((_, k) => !axes.Contains(k)).ToArray();
        var outStrides = TensorMath.Strides(keptDims);
        var target = TensorMath.StridedMap(dims, outStrides.Select((s, k) => axes.Contains(k) ? 0 : s).ToArray(), 0);
        int outCount = (int)TensorMath.Count(keptDims);
        long group = dims.Where((_, k) => axes.Contains(k)).Aggregate(1L, TensorMath.Multiply);
        bool integer = !Numeric.IsReal(data.DataType);
        if (integer && kind is Kind.Sum or Kind.Prod or Kind.Max or Kind.Min or Kind.SumSquare or Kind.L1)
        {
            return [Numeric.FromIntegers(ReduceIntegers(Numeric.Integers(data), target, outCount, kind), outDims, data.DataType)];
        }

        var values = Numeric.Reals(data);
        var acc = new double[outCount];
        Array.Fill(acc, kind switch { Kind.Prod => 1, Kind.Max => double.NegativeInfinity, Kind.Min => double.PositiveInfinity, _ => 0 });
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            ref double a = ref acc[target[i]];
            a = kind switch
            {
                Kind.Max => double.IsNaN(v) || v > a ? v : a,
                Kind.Min => double.IsNaN(v) || v < a ? v : a,
                Kind.Prod => a * v,
                Kind.SumSquare or Kind.L2 => a + (v * v),
                Kind.L1 => a + Math.Abs(v),
                Kind.LogSumExp => a + Math.Exp(v),
                _ => a + v,
            };
        }

        for (int i = 0; i < acc.Length; i++)
        {
            acc[i] = kind switch
            {
                Kind.Mean => acc[i] / group,
                Kind.L2 => Math.Sqrt(acc[i]),
                Kind.LogSum or Kind.LogSumExp => Math.Log(acc[i]),
                _ => acc[i],
            };
        }

        return [Numeric.FromReals(acc, outDims, data.DataType)];
    }

    private static long[] ReduceIntegers(long[] values, int[] target, int outCount, Kind kind)
    {
        var acc = new long[outCount];
        Array.Fill(acc, kind switch { Kind.Prod => 1, Kind.Max => long.MinValue, Kind.Min => long.MaxValue, _ => 0 });
        for (int i = 0; i < values.Length; i++)
        {
            long v = values[i];
            ref long a = ref acc[target[i]];
            a = kind switch
            {
                Kind.Max => Math.Max(a, v),
                Kind.Min => Math.Min(a, v),
                Kind.Prod => a * v,
                Kind.SumSquare => a + (v * v),
                Kind.L1 => a + Math.Abs(v),
                _ => a + v,
            };
        }

        return acc;
    }
}
