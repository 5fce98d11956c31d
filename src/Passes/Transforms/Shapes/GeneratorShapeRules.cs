using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Kernels;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Shape, Size, Constant, ConstantOfShape, Range, NonZero and NonMaxSuppression.</summary>
internal static class GeneratorShapeRules
{
    public static void Register(IDictionary<string, ShapeRule> table)
    {
        table["Shape"] = Shape;
        table["Size"] = _ => InferenceCall.One(DataType.Int64, Graph.IR.Shape.Scalar);
        table["Constant"] = Constant;
        table["ConstantOfShape"] = ConstantOfShape;
        table["Range"] = Range;
        table["NonZero"] = c => InferenceCall.One(DataType.Int64, c.Rank(0) is { } r ? new Shape([Dim.Of(r), Dim.Unknown]) : null);
        table["NonMaxSuppression"] = _ => InferenceCall.One(DataType.Int64, new Shape([Dim.Unknown, Dim.Of(3)]));
    }

    private static IReadOnlyList<TensorType?>? Shape(InferenceCall c)
    {
        if (c.Rank(0) is not { } rank)
        {
            return InferenceCall.One(DataType.Int64, new Shape([Dim.Unknown]));
        }

        long start = c.Node.GetInt("start", 0);
        long end = c.Node.FindAttribute("end")?.AsInt() ?? rank;
        long from = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
        long to = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
        return InferenceCall.One(DataType.Int64, Graph.IR.Shape.Of(Math.Max(0, to - from)));
    }

    private static IReadOnlyList<TensorType?>? Constant(InferenceCall c)
    {
        try
        {
            var value = ShapeKernels.ConstantValue(c.Node);
            return InferenceCall.One(value.DataType, Graph.IR.Shape.Of(value.DimsArray()));
        }
        catch (KernelException)
        {
            return null;
        }
    }

    private static IReadOnlyList<TensorType?>? ConstantOfShape(InferenceCall c)
    {
        var type = c.Node.FindAttribute("value")?.AsTensor().DataType ?? DataType.Float;
        if (c.Ints(0) is { } dims)
        {
            return InferenceCall.One(type, Graph.IR.Shape.Of(dims));
        }

        return InferenceCall.One(type, c.Shape(0) is { Rank: 1 } s && s[0].IsKnown ? new Shape(Enumerable.Repeat(Dim.Unknown, (int)s[0].Value!.Value)) : null);
    }

    private static IReadOnlyList<TensorType?>? Range(InferenceCall c)
    {
        var type = c.ElementType(0);
        if (c.Constant(0) is { } start && c.Constant(1) is { } limit && c.Constant(2) is { } delta)
        {
            // Counted, not evaluated: a huge range must be refused by the size checks before anything is allocated.
            return GeneratorKernels.RangeCount(start, limit, delta) is { } count ? InferenceCall.One(type, Graph.IR.Shape.Of(count)) : null;
        }

        return InferenceCall.One(type, new Shape([Dim.Unknown]));
    }
}
