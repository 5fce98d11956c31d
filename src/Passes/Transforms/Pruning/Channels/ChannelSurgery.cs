using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Removes the channels of the chosen components everywhere the analysis found them: Conv filters and biases, consumer
/// Conv input columns, depthwise Convs, per-channel constants, Split sizes, Slice bounds, Reshape targets, and the
/// declared shapes of every value on the way. Shared constants are copied rather than changed in place.
/// </summary>
public static class ChannelSurgery
{
    /// <summary>Positions of a layout that stay.</summary>
    public static int[] Kept(ChannelElements elements, int[] layout, IReadOnlySet<int> removedRoots) =>
        Enumerable.Range(0, layout.Length).Where(i => !removedRoots.Contains(elements.Find(layout[i]))).ToArray();

    public static void Apply(Model model, ChannelAnalysis analysis, IReadOnlySet<int> removedRoots)
    {
        var graph = model.Graph;
        var e = analysis.Elements;
        var convs = new Dictionary<Node, (int[]? Out, int[]? In)>();
        foreach (var edit in analysis.Edits)
        {
            int[] kept = Kept(e, edit.Layout, removedRoots);
            bool full = kept.Length == edit.Layout.Length;
            switch (edit)
            {
                case ConvOutputEdit when !full:
                    convs[edit.Node] = (kept, convs.GetValueOrDefault(edit.Node).In);
                    break;
                case ConvInputEdit when !full:
                    convs[edit.Node] = (convs.GetValueOrDefault(edit.Node).Out, kept);
                    break;
                case DepthwiseEdit when !full:
                    convs[edit.Node] = (kept, null);
                    edit.Node.SetAttribute(NodeAttribute.Int("group", kept.Length));
                    break;
                case ConstantEdit c when !full:
                    Replace(graph, c.Node, c.InputIndex, TensorSlicing.Keep(c.Node.Input(c.InputIndex)!.ConstValue!, c.Axis, kept));
                    break;
                case SplitEdit s when !full:
                    EditSplit(model, s, kept);
                    break;
                case SliceEdit s when !full:
                    EditSlice(graph, s, kept);
                    break;
                case ReshapeEdit r when !full:
                    var target = r.Node.Input(1)!;
                    var values = target.ConstValue?.ToInt64Array() ?? throw new InvalidOperationException($"Reshape target of {r.Node} is not an initializer");
                    values[1] = kept.Length;
                    Replace(graph, r.Node, 1, Tensor.Create(values, values.Length));
                    break;
            }
        }

        foreach (var (conv, (keepOut, keepIn)) in convs)
        {
            var weight = conv.Input(1)!.ConstValue!;
            if (keepOut is not null)
            {
                weight = TensorSlicing.Keep(weight, 0, keepOut);
                if (conv.Input(2) is { ConstValue: { } bias })
                {
                    Replace(graph, conv, 2, TensorSlicing.Keep(bias, 0, keepOut));
                }
            }

            if (keepIn is not null)
            {
                weight = TensorSlicing.Keep(weight, 1, keepIn);
            }

            Replace(graph, conv, 1, weight);
        }

        foreach (var (value, layout) in analysis.Layouts)
        {
            if (value.Shape is { Rank: >= 2 } shape && shape[1].IsKnown && shape[1].Value == layout.Length)
            {
                int kept = Kept(e, layout, removedRoots).Length;
                if (kept != layout.Length)
                {
                    value.Shape = new Shape(shape.Select((d, i) => i == 1 ? Dim.Of(kept) : d));
                }
            }
        }
    }

    /// <summary>Gives the node's input a new constant: in place when only this input reads it, else as a new initializer.</summary>
    private static void Replace(OnnxGraph graph, Node node, int index, Tensor tensor)
    {
        var old = node.Input(index)!;
        if (old.ConstValue is not null && old.Uses.Count == 1 && !old.IsGraphInput && !old.IsGraphOutput && old.Graph == graph)
        {
            graph.SetInitializerValue(old, tensor);
            return;
        }

        var fresh = graph.AddInitializer(graph.UniqueName(old.Name.Length > 0 ? old.Name + "_pruned" : node.Name + "_pruned"), tensor);
        node.SetInput(index, fresh);
        if (old.ConstValue is not null && !old.HasUses && !old.IsGraphOutput && !old.IsGraphInput && old.Graph == graph)
        {
            graph.RemoveInitializer(old);
        }
    }

    private static void EditSplit(Model model, SplitEdit split, int[] kept)
    {
        var keptSet = kept.ToHashSet();
        var sizes = new long[split.Sizes.Length];
        long offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            for (long c = offset; c < offset + split.Sizes[i]; c++)
            {
                sizes[i] += keptSet.Contains((int)c) ? 1 : 0;
            }

            offset += split.Sizes[i];
        }

        var node = split.Node;
        if (node.Input(1) is { Name.Length: > 0 })
        {
            Replace(model.Graph, node, 1, Tensor.Create(sizes, sizes.Length));
        }
        else if ((model.GetOpset() ?? 1) >= 13)
        {
            // Equal splits become explicit sizes; opset 18's num_outputs may not appear beside them.
            node.RemoveAttribute("num_outputs");
            var value = model.Graph.AddInitializer(model.Graph.UniqueName(node.Name + "_split"), Tensor.Create(sizes, sizes.Length));
            if (node.Inputs.Count < 2)
            {
                node.AddInput(value);
            }
            else
            {
                node.SetInput(1, value);
            }
        }
        else
        {
            node.SetAttribute(NodeAttribute.Ints("split", sizes));
        }
    }

    private static void EditSlice(OnnxGraph graph, SliceEdit slice, int[] kept)
    {
        long start = kept.Count(k => k < slice.Start);
        long end = kept.Count(k => k < slice.End);
        var starts = slice.Node.Input(1)!.ConstValue?.ToInt64Array();
        var ends = slice.Node.Input(2)!.ConstValue?.ToInt64Array();
        if (starts is null || ends is null)
        {
            throw new InvalidOperationException($"Slice bounds of {slice.Node} are not initializers");
        }

        starts[slice.AxisIndex] = start;
        ends[slice.AxisIndex] = end;
        var type = slice.Node.Input(1)!.ConstValue!.DataType;
        Replace(graph, slice.Node, 1, type == DataType.Int32 ? Tensor.Create(starts.Select(v => (int)v).ToArray(), starts.Length) : Tensor.Create(starts, starts.Length));
        Replace(graph, slice.Node, 2, type == DataType.Int32 ? Tensor.Create(ends.Select(v => (int)v).ToArray(), ends.Length) : Tensor.Create(ends, ends.Length));
    }
}
