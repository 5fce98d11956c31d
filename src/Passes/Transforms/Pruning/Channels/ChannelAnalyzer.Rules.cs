using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>How each op moves channels (see <see cref="ChannelAnalyzer"/>).</summary>
public sealed partial class ChannelAnalyzer
{
    /// <summary>Ops that map every element on its own (or every channel on its own), with scalar-only extra inputs.</summary>
    private static readonly HashSet<string> PassThrough =
    [
        "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish", "Softplus", "Softsign",
        "Mish", "Gelu", "ThresholdedRelu", "Clip", "Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Erf", "Floor", "Ceil",
        "Round", "Sign", "Sin", "Cos", "Identity", "Dropout", "Cast", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
        "GlobalMaxPool", "GlobalLpPool", "Resize", "Upsample",
    ];

    private static readonly HashSet<string> Elementwise = ["Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Pow", "PRelu"];

    private void Visit(Node node)
    {
        if (!node.IsDefaultDomain || node.Subgraphs().Any())
        {
            Opaque(node, "unknown op");
            return;
        }

        switch (node.OpType)
        {
            case "Conv": VisitConv(node); break;
            case "BatchNormalization" or "InstanceNormalization": VisitNormalization(node); break;
            case "Concat": VisitConcat(node); break;
            case "Split": VisitSplit(node); break;
            case "Slice": VisitSlice(node); break;
            case "Transpose": VisitTranspose(node); break;
            case "Reshape": VisitReshape(node); break;
            case var op when Elementwise.Contains(op): VisitElementwise(node); break;
            case var op when PassThrough.Contains(op): VisitPassThrough(node); break;
            default: Opaque(node, $"{node.OpType} is not known to keep channels"); break;
        }
    }

    private void VisitConv(Node node)
    {
        var x = node.Input(0);
        var input = LayoutOf(x);
        if (node.Input(1)?.ConstValue is not { Rank: >= 3 } weight || !IsFloat(weight) || node.Input(1)!.IsGraphInput)
        {
            Opaque(node, "Conv weight is not a float initializer");
            return;
        }

        _convs.Add(node);
        long group = node.GetInt("group", 1);
        int cout = (int)weight.Dims[0];
        bool owned = OwnedBy(node.Input(1), node) && OwnedBy(node.Input(2), node);
        string? protectedBy = _protect(node);
        if (group == 1)
        {
            if (input is not null)
            {
                if (owned && input.Length == weight.Dims[1])
                {
                    _edits.Add(new ConvInputEdit(node, input));
                }
                else
                {
                    _elements.Close(input, $"read by {node}, whose weight or bias is shared");
                }
            }

            string? closed = !owned ? "weight or bias shared with another node" : protectedBy is null ? null : $"protected: {protectedBy}";
            var output = _elements.NewSource(new ChannelSource(node.Name, node, closed), cout);
            if (closed is null)
            {
                _edits.Add(new ConvOutputEdit(node, output));
            }

            SetLayout(node.Output(0), output);
            return;
        }

        if (input is not null && weight.Dims[1] == 1 && group == cout && input.Length == cout && owned && protectedBy is null)
        {
            _edits.Add(new DepthwiseEdit(node, input));
            SetLayout(node.Output(0), input);
            return;
        }

        Opaque(node, $"grouped Conv (group={group})");
    }

    private void VisitNormalization(Node node)
    {
        var input = LayoutOf(node.Input(0));
        int last = node.Is("BatchNormalization") ? 4 : 2;
        if (input is null || node.Outputs.Skip(1).Any(o => o.HasUses || o.IsGraphOutput))
        {
            Opaque(node, "normalization without a channel layout or with training outputs");
            return;
        }

        for (int i = 1; i <= last; i++)
        {
            if (node.Input(i)?.ConstValue is not { Rank: 1 } p || p.Dims[0] != input.Length || node.Input(i)!.IsGraphInput)
            {
                Opaque(node, "normalization parameters are not per-channel initializers");
                return;
            }
        }

        for (int i = 1; i <= last; i++)
        {
            _edits.Add(new ConstantEdit(node, input, i, 0));
        }

        SetLayout(node.Output(0), input);
    }

    private void VisitPassThrough(Node node)
    {
        var input = LayoutOf(node.Input(0));
        if (input is null)
        {
            Opaque(node, "input has no channel layout");
            return;
        }

        // Extra inputs (Clip bounds, Resize scales) must be constants that do not touch the channel axis.
        for (int i = 1; i < node.Inputs.Count; i++)
        {
            var extra = node.Input(i);
            if (extra is null || extra.Name.Length == 0)
            {
                continue;
            }

            var value = ConstantOf(extra);
            bool ok = node.OpType switch
            {
                "Resize" when i == 3 => false,
                "Resize" when i == (_opset >= 11 ? 2 : 1) => value is { ElementCount: >= 2 } && value.ToDoubleArray()[1] == 1,
                "Resize" => true,
                "Upsample" => value is { ElementCount: >= 2 } && value.ToDoubleArray()[1] == 1,
                _ => value is { ElementCount: 1 },
            };
            if (!ok)
            {
                Opaque(node, "an extra input may change the channel axis");
                return;
            }
        }

        if (node.OpType is "Resize" or "Upsample" && node.GetFloats("scales") is { Count: >= 2 } scales && scales[1] != 1)
        {
            Opaque(node, "scales the channel axis");
            return;
        }

        SetLayout(node.Output(0), input);
        foreach (var extraOutput in node.Outputs.Skip(1))
        {
            if (extraOutput.HasUses || extraOutput.IsGraphOutput)
            {
                CloseValue(node.Input(0), $"second output of {node} is used");
            }
        }
    }

    private void VisitElementwise(Node node)
    {
        int rank = Rank(node.Output(0));
        if (rank < 3)
        {
            Opaque(node, "output rank unknown or below 3");
            return;
        }

        int[]? layout = null;
        var constants = new List<(int Index, int Axis)>();
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            var input = node.Input(i);
            if (input is null)
            {
                continue;
            }

            if (LayoutOf(input) is { } other && Rank(input) == rank)
            {
                if (layout is null)
                {
                    layout = other;
                }
                else if (layout.Length == other.Length)
                {
                    for (int c = 0; c < layout.Length; c++)
                    {
                        _elements.Union(layout[c], other[c]);
                    }
                }
                else
                {
                    Opaque(node, "inputs with different channel counts");
                    return;
                }

                continue;
            }

            // Not a channel-carrying input: it must broadcast over channels, or be a per-channel initializer.
            var shape = ShapeOf(input);
            int axis = shape is null ? -1 : shape.Rank - (rank - 1);
            if (shape is null || LayoutOf(input) is not null)
            {
                Opaque(node, "an input's channel axis cannot be proven");
                return;
            }

            if (axis < 0 || shape[axis].Value == 1)
            {
                continue;
            }

            if (input.ConstValue is not null && !input.IsGraphInput && shape[axis].IsKnown)
            {
                constants.Add((i, axis));
                continue;
            }

            Opaque(node, "an input's channel axis cannot be proven");
            return;
        }

        if (layout is null)
        {
            Opaque(node, "no input has a channel layout");
            return;
        }

        foreach (var (index, axis) in constants)
        {
            if (node.Input(index)!.ConstValue!.Dims[axis] != layout.Length)
            {
                Opaque(node, "a constant's channel count differs");
                return;
            }
        }

        foreach (var (index, axis) in constants)
        {
            _edits.Add(new ConstantEdit(node, layout, index, axis));
        }

        SetLayout(node.Output(0), layout);
    }

    private int? ChannelAxis(Node node, long fallback)
    {
        int rank = Rank(node.Output(0));
        if (rank < 3)
        {
            rank = node.Inputs.Count > 0 && node.Input(0) is { } x ? Rank(x) : -1;
        }

        if (rank < 3)
        {
            return null;
        }

        long axis = node.GetInt("axis", fallback);
        return (int)(axis < 0 ? axis + rank : axis);
    }

    private void VisitConcat(Node node)
    {
        if (ChannelAxis(node, 0) is not int axis)
        {
            Opaque(node, "rank unknown");
            return;
        }

        var layouts = new List<int[]>();
        foreach (var input in node.Inputs)
        {
            if (input is not null && LayoutOf(input) is { } layout)
            {
                layouts.Add(layout);
            }
            else if (axis == 1 && input is not null && Channels(input) is int c)
            {
                layouts.Add(_elements.NewSource(new ChannelSource(input.Name, null, $"input of {node} without a channel layout"), c));
            }
            else
            {
                Opaque(node, "an input without a channel layout");
                return;
            }
        }

        if (axis == 1)
        {
            SetLayout(node.Output(0), layouts.SelectMany(l => l).ToArray());
            return;
        }

        // Concatenating along another axis keeps channel c of every input at channel c of the output.
        if (layouts.Any(l => l.Length != layouts[0].Length))
        {
            Opaque(node, "inputs with different channel counts");
            return;
        }

        foreach (var layout in layouts.Skip(1))
        {
            for (int c = 0; c < layout.Length; c++)
            {
                _elements.Union(layouts[0][c], layout[c]);
            }
        }

        SetLayout(node.Output(0), layouts[0]);
    }

    private void VisitSplit(Node node)
    {
        var input = LayoutOf(node.Input(0));
        if (input is null || ChannelAxis(node, 0) is not int axis)
        {
            Opaque(node, "input has no channel layout");
            return;
        }

        if (axis != 1)
        {
            foreach (var output in node.Outputs)
            {
                SetLayout(output, input);
            }

            return;
        }

        long[]? sizes = node.Input(1) is { Name.Length: > 0 } splitInput
            ? ConstantOf(splitInput)?.ToInt64Array()
            : node.GetInts("split")?.ToArray() ?? EqualSplit(input.Length, node.Outputs.Count);
        if (sizes is null || sizes.Length != node.Outputs.Count || sizes.Sum() != input.Length || sizes.Any(s => s < 0))
        {
            Opaque(node, "split sizes are not known");
            return;
        }

        int offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            SetLayout(node.Output(i), input[offset..(offset + (int)sizes[i])]);
            offset += (int)sizes[i];
        }

        _edits.Add(new SplitEdit(node, input, sizes));
    }

    private static long[]? EqualSplit(int channels, int outputs) =>
        outputs > 0 && channels % outputs == 0 ? Enumerable.Repeat((long)(channels / outputs), outputs).ToArray() : null;

    private void VisitSlice(Node node)
    {
        var input = LayoutOf(node.Input(0));
        int rank = node.Input(0) is { } x ? Rank(x) : -1;
        if (input is null || rank < 3 || _opset < 10)
        {
            Opaque(node, "Slice without a channel layout");
            return;
        }

        // Bounds the surgery rewrites must be initializers; axes and steps may come from any constant.
        var starts = Initializer(node.Input(1))?.ToInt64Array();
        var ends = Initializer(node.Input(2))?.ToInt64Array();
        var axes = node.Input(3) is { Name.Length: > 0 } a ? ConstantOf(a)?.ToInt64Array() : starts is null ? null : Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        var steps = node.Input(4) is { Name.Length: > 0 } s ? ConstantOf(s)?.ToInt64Array() : starts is null ? null : Enumerable.Repeat(1L, starts.Length).ToArray();
        if (starts is null || ends is null || axes is null || steps is null)
        {
            Opaque(node, "Slice bounds are not constant");
            return;
        }

        int index = Array.FindIndex(axes, v => (v < 0 ? v + rank : v) == 1);
        if (index < 0)
        {
            SetLayout(node.Output(0), input);
            return;
        }

        if (steps[index] != 1)
        {
            Opaque(node, "Slice with a step along channels");
            return;
        }

        long c = input.Length;
        long start = Math.Clamp(starts[index] < 0 ? starts[index] + c : starts[index], 0, c);
        long end = Math.Clamp(ends[index] < 0 ? ends[index] + c : ends[index], 0, c);
        end = Math.Max(start, end);
        SetLayout(node.Output(0), input[(int)start..(int)end]);
        _edits.Add(new SliceEdit(node, input, index, start, end));
    }

    private void VisitTranspose(Node node)
    {
        var input = LayoutOf(node.Input(0));
        if (input is not null && node.GetInts("perm") is { Count: >= 3 } perm && perm[0] == 0 && perm[1] == 1)
        {
            SetLayout(node.Output(0), input);
            return;
        }

        Opaque(node, "Transpose moves the channel axis");
    }

    private void VisitReshape(Node node)
    {
        var input = LayoutOf(node.Input(0));
        var inShape = node.Input(0) is { } x ? ShapeOf(x)?.ToArray() : null;
        var target = Initializer(node.Input(1))?.ToInt64Array();
        bool allowZero = node.GetInt("allowzero", 0) != 0;
        if (input is null || inShape is null || target is null || target.Length < 3 || inShape.Length < 3)
        {
            Opaque(node, "Reshape that may move the channel axis");
            return;
        }

        bool batchKept = target[0] == inShape[0] || (target[0] == 0 && !allowZero);
        bool channelsKept = target[1] == inShape[1];
        long inSpatial = inShape.Skip(2).Aggregate(1L, (p, d) => p * d);
        var rest = target.Skip(2).ToArray();
        long known = rest.Where(d => d > 0).Aggregate(1L, (p, d) => p * d);
        bool spatialOnly = rest.All(d => d > 0 || d == -1) && rest.Count(d => d == -1) <= 1
            && (rest.Contains(-1) ? known > 0 && inSpatial % known == 0 : known == inSpatial);
        if (!batchKept || !channelsKept || !spatialOnly)
        {
            Opaque(node, "Reshape that may move the channel axis");
            return;
        }

        _edits.Add(new ReshapeEdit(node, input));
        SetLayout(node.Output(0), input);
    }
}
