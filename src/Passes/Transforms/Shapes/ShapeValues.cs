using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// Data propagation of partially known shapes: the int64 vectors that Shape produces and that exporters then
/// Gather, Slice, Unsqueeze, Squeeze, Cast and Concat, tracked element by element as dims (known or symbolic). When
/// every element of such a vector is known it is a constant, even though the tensor it came from has symbolic dims
/// (Shape(x)[1] is 64 when x is [batch,64,h,w]).
/// </summary>
internal static class ShapeValues
{
    /// <summary>The elements of the op's result, or null when the op is not shape arithmetic or its inputs are not tracked. A scalar result has one element and <paramref name="scalar"/> set.</summary>
    public static Dim[]? Propagate(Node node, Func<int, Dim[]?> element, Func<int, Tensor?> constant, Func<int, Shape?> shape, out bool scalar)
    {
        scalar = false;
        if (!node.IsDefaultDomain)
        {
            return null;
        }

        switch (node.OpType)
        {
            case "Shape":
                if (shape(0) is not { } x)
                {
                    return null;
                }

                int rank = x.Rank;
                long start = node.GetInt("start", 0);
                long end = node.FindAttribute("end")?.AsInt() ?? rank;
                int from = (int)Math.Clamp(start < 0 ? start + rank : start, 0, rank);
                int to = (int)Math.Clamp(end < 0 ? end + rank : end, 0, rank);
                return x.Skip(from).Take(Math.Max(0, to - from)).ToArray();
            case "Identity":
            case "Cast" when node.GetInt("to", 0) == (long)DataType.Int64:
                scalar = IsScalar(node, 0, shape);
                return element(0);
            case "Gather" when node.GetInt("axis", 0) == 0:
                if (element(0) is not { } data || constant(1) is not { } indices || indices.Rank > 1)
                {
                    return null;
                }

                scalar = indices.Rank == 0;
                var picked = new List<Dim>();
                foreach (long i in indices.ToInt64Array())
                {
                    long at = i < 0 ? i + data.Length : i;
                    if (at < 0 || at >= data.Length)
                    {
                        return null;
                    }

                    picked.Add(data[at]);
                }

                return picked.ToArray();
            case "Slice":
                if (element(0) is not { } sliced || constant(1) is not { } starts || constant(2) is not { } ends)
                {
                    return null;
                }

                var steps = constant(4)?.ToInt64Array();
                if ((constant(3) is { } axes && axes.ToInt64Array().Any(a => a is not (0 or -1))) || (node.Inputs.Count > 4 && node.Inputs[4] is not null && steps is null))
                {
                    return null;
                }

                var plan = Kernels.LayoutKernels.SlicePlan([sliced.Length], starts.ToInt64Array(), ends.ToInt64Array(), null, steps);
                return Enumerable.Range(0, (int)plan.Dims[0]).Select(i => sliced[plan.Starts[0] + (i * plan.Steps[0])]).ToArray();
            case "Unsqueeze":
            case "Squeeze":
                scalar = node.OpType == "Squeeze";
                return element(0) is { Length: 1 } single ? single : null;
            case "Concat":
                var joined = new List<Dim>();
                for (int i = 0; i < node.Inputs.Count; i++)
                {
                    if (element(i) is not { } part || IsScalar(node, i, shape))
                    {
                        return null;
                    }

                    joined.AddRange(part);
                }

                return joined.ToArray();
            default:
                return null;
        }
    }

    /// <summary>A tracked vector from a constant int64 tensor of rank 0 or 1.</summary>
    public static Dim[]? FromConstant(Tensor? tensor) =>
        tensor is { DataType: DataType.Int64, Rank: <= 1 } t && t.ElementCount <= 64 ? t.ToInt64Array().Select(Dim.Of).ToArray() : null;

    private static bool IsScalar(Node node, int index, Func<int, Shape?> shape) => shape(index) is { Rank: 0 };
}
