using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Reduce*, ArgMax/ArgMin and TopK: reduced axes from attributes or constant inputs, keepdims.</summary>
internal static class ReductionShapeRules
{
    private static readonly (string Op, long AxesInputSince)[] Reductions =
    [
        ("ReduceSum", 13), ("ReduceMean", 18), ("ReduceMax", 18), ("ReduceMin", 18), ("ReduceProd", 18),
        ("ReduceSumSquare", 18), ("ReduceL1", 18), ("ReduceL2", 18), ("ReduceLogSum", 18), ("ReduceLogSumExp", 18),
    ];

    public static void Register(IDictionary<string, ShapeRule> table)
    {
        foreach (var (op, since) in Reductions)
        {
            table[op] = c => Reduce(c, since);
        }

        table["ArgMax"] = ArgReduce;
        table["ArgMin"] = ArgReduce;
        table["TopK"] = TopK;
    }

    private static IReadOnlyList<TensorType?>? Reduce(InferenceCall c, long since)
    {
        var x = c.Shape(0);
        var type = c.ElementType(0);
        if (x is null)
        {
            return InferenceCall.One(type, null);
        }

        long[]? axes = c.Opset < since ? c.Node.GetInts("axes")?.ToArray() : c.Has(1) ? c.Ints(1) : [];
        if (axes is null && c.Opset >= since)
        {
            return InferenceCall.One(type, null);
        }

        if (axes is null || axes.Length == 0)
        {
            if (c.Opset >= since && c.Node.GetInt("noop_with_empty_axes", 0) != 0)
            {
                return InferenceCall.One(type, x);
            }

            axes = Enumerable.Range(0, x.Rank).Select(i => (long)i).ToArray();
        }

        return InferenceCall.One(type, Reduced(x, axes, c.Node.GetInt("keepdims", 1) != 0));
    }

    private static IReadOnlyList<TensorType?>? ArgReduce(InferenceCall c)
    {
        var x = c.Shape(0);
        return InferenceCall.One(DataType.Int64, x is null ? null : Reduced(x, [c.Node.GetInt("axis", 0)], c.Node.GetInt("keepdims", 1) != 0));
    }

    private static IReadOnlyList<TensorType?>? TopK(InferenceCall c)
    {
        var x = c.Shape(0);
        Shape? shape = null;
        if (x is not null && DimMath.Axis(c.Node.GetInt("axis", -1), x.Rank) is { } axis)
        {
            long? k = c.Opset < 10 ? c.Node.GetInt("k", -1) : c.Ints(1)?.FirstOrDefault();
            var dims = x.Select(d => d).ToArray();
            dims[axis] = k is { } known and >= 0 ? Dim.Of(known) : Dim.Unknown;
            shape = new Shape(dims);
        }

        return [new TensorType(c.ElementType(0), shape), new TensorType(DataType.Int64, shape)];
    }

    private static Shape? Reduced(Shape x, long[] axes, bool keep)
    {
        var normalized = axes.Select(a => DimMath.Axis(a, x.Rank)).ToList();
        if (normalized.Any(a => a is null))
        {
            return null;
        }

        return keep
            ? new Shape(x.Select((d, i) => normalized.Contains(i) ? Dim.Of(1) : d))
            : new Shape(x.Where((_, i) => !normalized.Contains(i)));
    }
}
