using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Kernels;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Concat, Split, Slice, Reshape, Transpose, Flatten, Squeeze, Unsqueeze, Gather, Expand, Tile and Pad.</summary>
internal static class LayoutShapeRules
{
    public static void Register(IDictionary<string, ShapeRule> table)
    {
        table["Concat"] = Concat;
        table["Split"] = Split;
        table["Slice"] = Slice;
        table["Reshape"] = Reshape;
        table["Transpose"] = Transpose;
        table["Flatten"] = Flatten;
        table["Squeeze"] = Squeeze;
        table["Unsqueeze"] = Unsqueeze;
        table["Gather"] = Gather;
        table["GatherElements"] = c => InferenceCall.One(c.ElementType(0), c.Shape(1));
        table["Expand"] = Expand;
        table["Tile"] = Tile;
        table["Pad"] = Pad;
    }

    private static IReadOnlyList<TensorType?>? Concat(InferenceCall c)
    {
        var shapes = Enumerable.Range(0, c.InputCount).Select(c.Shape).ToList();
        var type = c.ElementType(0);
        if (shapes.Any(s => s is null))
        {
            return InferenceCall.One(type, null);
        }

        int rank = shapes[0]!.Rank;
        if (DimMath.Axis(c.Node.GetInt("axis", 0), rank) is not { } axis || shapes.Any(s => s!.Rank != rank))
        {
            return InferenceCall.One(type, null);
        }

        var dims = new Dim[rank];
        for (int k = 0; k < rank; k++)
        {
            dims[k] = k == axis
                ? shapes.Aggregate(Dim.Of(0), (sum, s) => sum.IsKnown && s![k].IsKnown ? Dim.Of(sum.Value!.Value + s[k].Value!.Value) : Dim.Unknown)
                : shapes.Select(s => s![k]).FirstOrDefault(d => d.IsKnown, shapes[0]![k]);
        }

        return InferenceCall.One(type, new Shape(dims));
    }

    private static List<TensorType?>? Split(InferenceCall c)
    {
        var x = c.Shape(0);
        int outputs = c.Node.Outputs.Count;
        var type = c.ElementType(0);
        if (x is null || DimMath.Axis(c.Node.GetInt("axis", 0), x.Rank) is not { } axis)
        {
            return Enumerable.Repeat<TensorType?>(new TensorType(type, null), outputs).ToList();
        }

        var sizes = c.IntsFromInputOrAttribute(1, "split", 13);
        if (sizes is null && x[axis].IsKnown)
        {
            long dim = x[axis].Value!.Value;
            long chunk = (dim + outputs - 1) / outputs;
            sizes = Enumerable.Range(0, outputs).Select(i => Math.Max(0, Math.Min(chunk, dim - (i * chunk)))).ToArray();
        }

        return Enumerable.Range(0, outputs).Select(i =>
        {
            var dims = x.ToArray<Dim>();
            dims[axis] = sizes is not null && i < sizes.Length ? Dim.Of(sizes[i]) : Dim.Unknown;
            return (TensorType?)new TensorType(type, new Shape(dims));
        }).ToList();
    }

    private static IReadOnlyList<TensorType?>? Slice(InferenceCall c)
    {
        var x = c.Shape(0);
        var type = c.ElementType(0);
        if (x is null)
        {
            return InferenceCall.One(type, null);
        }

        long[]? starts, ends, axes, steps = null;
        if (c.Opset < 10)
        {
            starts = c.Node.GetInts("starts")?.ToArray();
            ends = c.Node.GetInts("ends")?.ToArray();
            axes = c.Node.GetInts("axes")?.ToArray();
        }
        else
        {
            starts = c.Ints(1);
            ends = c.Ints(2);
            axes = c.Has(3) ? c.Ints(3) : null;
            steps = c.Has(4) ? c.Ints(4) : null;
            if ((c.Has(3) && axes is null) || (c.Has(4) && steps is null))
            {
                return InferenceCall.One(type, new Shape(Enumerable.Repeat(Dim.Unknown, x.Rank)));
            }
        }

        if (starts is null || ends is null)
        {
            return InferenceCall.One(type, new Shape(Enumerable.Repeat(Dim.Unknown, x.Rank)));
        }

        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        var dims = x.ToArray<Dim>();
        for (int i = 0; i < axes.Length; i++)
        {
            if (DimMath.Axis(axes[i], x.Rank) is not { } axis)
            {
                return null;
            }

            if (!x[axis].IsKnown)
            {
                dims[axis] = Dim.Unknown;
                continue;
            }

            var plan = LayoutKernels.SlicePlan([x[axis].Value!.Value], [starts[i]], [ends[i]], null, steps is null ? null : [steps[i]]);
            dims[axis] = Dim.Of(plan.Dims[0]);
        }

        return InferenceCall.One(type, new Shape(dims));
    }

    private static IReadOnlyList<TensorType?>? Reshape(InferenceCall c)
    {
        var type = c.ElementType(0);
        var requested = c.Opset < 5 ? c.Node.GetInts("shape")?.ToArray() : c.Ints(1);
        if (requested is null)
        {
            return InferenceCall.One(type, c.Shape(1) is { Rank: 1 } s && s[0].IsKnown ? new Shape(Enumerable.Repeat(Dim.Unknown, (int)s[0].Value!.Value)) : null);
        }

        var x = c.Shape(0);
        bool allowZero = c.Node.GetInt("allowzero", 0) != 0;
        if (x?.ToArray() is { } known)
        {
            return InferenceCall.One(type, Shape.Of(ShapeKernels.ReshapeDims(known, requested, allowZero)));
        }

        var dims = requested.Select((d, i) => d switch
        {
            0 when !allowZero => x is not null && i < x.Rank ? x[i] : Dim.Unknown,
            -1 => Dim.Unknown,
            _ => Dim.Of(d),
        }).ToArray();
        return InferenceCall.One(type, new Shape(dims));
    }

    private static IReadOnlyList<TensorType?>? Transpose(InferenceCall c)
    {
        var x = c.Shape(0);
        if (x is null)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        var perm = c.Node.GetInts("perm") ?? Enumerable.Range(0, x.Rank).Reverse().Select(i => (long)i).ToArray();
        return perm.Count != x.Rank || perm.Any(p => p < 0 || p >= x.Rank) ? null : InferenceCall.One(c.ElementType(0), new Shape(perm.Select(p => x[(int)p])));
    }

    private static IReadOnlyList<TensorType?>? Flatten(InferenceCall c)
    {
        var x = c.Shape(0);
        if (x is null)
        {
            return InferenceCall.One(c.ElementType(0), new Shape([Dim.Unknown, Dim.Unknown]));
        }

        long axis = c.Node.GetInt("axis", 1);
        int at = (int)(axis < 0 ? axis + x.Rank : axis);
        return at < 0 || at > x.Rank ? null : InferenceCall.One(c.ElementType(0), new Shape([DimMath.Product(x.Take(at)), DimMath.Product(x.Skip(at))]));
    }

    private static IReadOnlyList<TensorType?>? Squeeze(InferenceCall c)
    {
        var x = c.Shape(0);
        var type = c.ElementType(0);
        var axes = c.Opset < 13 ? c.Node.GetInts("axes")?.ToArray() : c.Has(1) ? c.Ints(1) : null;
        if (x is null || (c.Opset >= 13 && c.Has(1) && axes is null))
        {
            return InferenceCall.One(type, null);
        }

        if (axes is null)
        {
            return x.All(d => d.IsKnown) ? InferenceCall.One(type, new Shape(x.Where(d => d.Value != 1))) : InferenceCall.One(type, null);
        }

        var drop = axes.Select(a => DimMath.Axis(a, x.Rank)).ToList();
        return drop.Any(a => a is null) ? null : InferenceCall.One(type, new Shape(x.Where((_, i) => !drop.Contains(i))));
    }

    private static IReadOnlyList<TensorType?>? Unsqueeze(InferenceCall c)
    {
        var x = c.Shape(0);
        var type = c.ElementType(0);
        var axes = c.IntsFromInputOrAttribute(1, "axes", 13);
        if (x is null || axes is null)
        {
            return InferenceCall.One(type, null);
        }

        int rank = x.Rank + axes.Length;
        var inserted = axes.Select(a => DimMath.Axis(a, rank)).ToList();
        if (inserted.Any(a => a is null))
        {
            return null;
        }

        var dims = new Dim[rank];
        int next = 0;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = inserted.Contains(i) ? Dim.Of(1) : x[next++];
        }

        return InferenceCall.One(type, new Shape(dims));
    }

    private static IReadOnlyList<TensorType?>? Gather(InferenceCall c)
    {
        var x = c.Shape(0);
        var indices = c.Shape(1);
        if (x is null || indices is null || DimMath.Axis(c.Node.GetInt("axis", 0), x.Rank) is not { } axis)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        return InferenceCall.One(c.ElementType(0), new Shape(x.Take(axis).Concat(indices).Concat(x.Skip(axis + 1))));
    }

    private static IReadOnlyList<TensorType?>? Expand(InferenceCall c)
    {
        var target = c.Ints(1);
        if (target is null)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        return InferenceCall.One(c.ElementType(0), DimMath.Broadcast([c.Shape(0), Shape.Of(target)]));
    }

    private static IReadOnlyList<TensorType?>? Tile(InferenceCall c)
    {
        var x = c.Shape(0);
        var repeats = c.Ints(1);
        if (x is null)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        if (repeats is null || repeats.Length != x.Rank)
        {
            return InferenceCall.One(c.ElementType(0), new Shape(Enumerable.Repeat(Dim.Unknown, x.Rank)));
        }

        return InferenceCall.One(c.ElementType(0), new Shape(x.Select((d, i) => d.IsKnown ? Dim.Of(d.Value!.Value * repeats[i]) : repeats[i] == 1 ? d : Dim.Unknown)));
    }

    private static IReadOnlyList<TensorType?>? Pad(InferenceCall c)
    {
        var x = c.Shape(0);
        if (x is null)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        var pads = c.Opset < 11 ? c.Node.GetInts("pads")?.ToArray() : c.Ints(1);
        if (pads is null || pads.Length != 2 * x.Rank || (c.Opset >= 18 && c.Has(3)))
        {
            return InferenceCall.One(c.ElementType(0), new Shape(Enumerable.Repeat(Dim.Unknown, x.Rank)));
        }

        int n = x.Rank;
        return InferenceCall.One(c.ElementType(0), new Shape(x.Select((d, i) => pads[i] + pads[i + n] == 0 ? d : d.IsKnown ? Dim.Of(d.Value!.Value + pads[i] + pads[i + n]) : Dim.Unknown)));
    }
}
