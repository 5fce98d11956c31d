using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Resize (opset 10: scales input; 11+: roi, scales, sizes; 18+: axes) and Upsample, when scales or sizes are constant.</summary>
internal static class ResizeShapeRules
{
    public static void Register(IDictionary<string, ShapeRule> table)
    {
        table["Resize"] = Resize;
        table["Upsample"] = Upsample;
    }

    private static IReadOnlyList<TensorType?>? Resize(InferenceCall c)
    {
        var x = c.Shape(0);
        var type = c.ElementType(0);
        if (x is null)
        {
            return InferenceCall.One(type, null);
        }

        int scalesIndex = c.Opset < 11 ? 1 : 2;
        var axes = c.Node.GetInts("axes")?.Select(a => (int)(a < 0 ? a + x.Rank : a)).ToArray() ?? Enumerable.Range(0, x.Rank).ToArray();
        var dims = x.ToArray<Dim>();
        if (c.Opset >= 11 && c.Has(3) && c.Ints(3) is { } sizes && sizes.Length == axes.Length && c.Node.GetString("keep_aspect_ratio_policy", "stretch") == "stretch")
        {
            for (int i = 0; i < axes.Length; i++)
            {
                dims[axes[i]] = Dim.Of(sizes[i]);
            }

            return InferenceCall.One(type, new Shape(dims));
        }

        if (c.Constant(scalesIndex) is { ElementCount: > 0 } scales && scales.ElementCount == axes.Length)
        {
            return InferenceCall.One(type, Scaled(dims, axes, scales.ToDoubleArray()));
        }

        return InferenceCall.One(type, new Shape(Enumerable.Repeat(Dim.Unknown, x.Rank)));
    }

    private static IReadOnlyList<TensorType?>? Upsample(InferenceCall c)
    {
        var x = c.Shape(0);
        var scales = c.Opset < 9 ? c.Node.GetFloats("scales")?.Select(f => (double)f).ToArray() : c.Constant(1)?.ToDoubleArray();
        if (x is null || scales is null || scales.Length != x.Rank)
        {
            return InferenceCall.One(c.ElementType(0), x is null ? null : new Shape(Enumerable.Repeat(Dim.Unknown, x.Rank)));
        }

        return InferenceCall.One(c.ElementType(0), Scaled(x.ToArray<Dim>(), Enumerable.Range(0, x.Rank).ToArray(), scales));
    }

    private static Shape Scaled(Dim[] dims, int[] axes, double[] scales)
    {
        for (int i = 0; i < axes.Length; i++)
        {
            var d = dims[axes[i]];
            dims[axes[i]] = scales[i] == 1 ? d : d.IsKnown ? Dim.Of((long)Math.Floor(d.Value!.Value * scales[i])) : Dim.Unknown;
        }

        return new Shape(dims);
    }
}
