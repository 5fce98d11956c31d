using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>MatMul (numpy semantics) and Gemm (2-D with transA/transB).</summary>
internal static class LinearShapeRules
{
    public static void Register(IDictionary<string, ShapeRule> table)
    {
        table["MatMul"] = MatMul;
        table["Gemm"] = Gemm;
    }

    private static IReadOnlyList<TensorType?>? MatMul(InferenceCall c)
    {
        var a = c.Shape(0);
        var b = c.Shape(1);
        var type = c.ElementType(0);
        if (a is null || b is null || a.Rank == 0 || b.Rank == 0)
        {
            return InferenceCall.One(type, null);
        }

        var aDims = a.Rank == 1 ? new[] { Dim.Of(1), a[0] } : a.ToArray<Dim>();
        var bDims = b.Rank == 1 ? new[] { b[0], Dim.Of(1) } : b.ToArray<Dim>();
        var batch = DimMath.Broadcast([new Shape(aDims[..^2]), new Shape(bDims[..^2])]);
        if (batch is null)
        {
            return InferenceCall.One(type, null);
        }

        var dims = batch.ToList();
        if (a.Rank > 1)
        {
            dims.Add(aDims[^2]);
        }

        if (b.Rank > 1)
        {
            dims.Add(bDims[^1]);
        }

        return InferenceCall.One(type, new Shape(dims));
    }

    private static IReadOnlyList<TensorType?>? Gemm(InferenceCall c)
    {
        var a = c.Shape(0);
        var b = c.Shape(1);
        if (a is not { Rank: 2 } || b is not { Rank: 2 })
        {
            return InferenceCall.One(c.ElementType(0), new Shape([Dim.Unknown, Dim.Unknown]));
        }

        var m = c.Node.GetInt("transA", 0) != 0 ? a[1] : a[0];
        var n = c.Node.GetInt("transB", 0) != 0 ? b[0] : b[1];
        return InferenceCall.One(c.ElementType(0), new Shape([m, n]));
    }
}
