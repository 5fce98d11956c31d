using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Follows every channel of an NCHW graph from where it is made (a Conv's filter) to everywhere it flows, the idea of
/// Torch-Pruning's dependency graph on the ONNX IR. Ops that keep channels one-to-one (activations, pools, Resize,
/// BatchNormalization, depthwise Convs) pass the layout on; residual Add/Mul unite the channels of their inputs;
/// Concat and Split along channels join and cut layouts; consumer Convs record which input columns the channels are.
/// Whatever cannot be proven to keep the channel axis (a graph output, an unknown op, a Gather, a Reshape that moves
/// the channels) closes the channels it sees. Only the main graph is analysed; values read inside subgraphs close.
/// </summary>
public sealed partial class ChannelAnalyzer
{
    private readonly ChannelElements _elements = new();
    private readonly Dictionary<Value, int[]> _layouts = [];
    private readonly List<ChannelEdit> _edits = [];
    private readonly List<Node> _convs = [];
    private readonly ShapePropagator _shapes;
    private readonly Func<Node, string?> _protect;
    private readonly long _opset;

    private ChannelAnalyzer(Model model, Func<Node, string?> protect)
    {
        _opset = model.GetOpset() ?? 1;
        _shapes = new ShapePropagator(_opset, ShapePropagator.SmallValues(_opset));
        _shapes.Run(model.Graph);
        _protect = protect;
    }

    /// <summary>Analyses <paramref name="model"/>; <paramref name="protect"/> gives the reason a Conv's output channels must stay, or null.</summary>
    public static ChannelAnalysis Analyze(Model model, Func<Node, string?>? protect = null)
    {
        var analyzer = new ChannelAnalyzer(model, protect ?? (_ => null));
        return analyzer.Run(model.Graph);
    }

    /// <summary>The protection rule of the pass options: include/exclude regexes over Conv names and the Ultralytics head.</summary>
    public static Func<Node, string?> Protection(Model model, string include, string exclude, bool protectHead)
    {
        var includeRegex = include.Length == 0 ? null : PruneConvL1Options.CreateRegex(include);
        var excludeRegex = exclude.Length == 0 ? null : PruneConvL1Options.CreateRegex(exclude);
        var head = protectHead ? UltralyticsHead.Find(model) : null;
        return conv =>
        {
            if (includeRegex is not null && !includeRegex.IsMatch(conv.Name))
            {
                return "not matched by include";
            }

            if (excludeRegex is not null && excludeRegex.IsMatch(conv.Name))
            {
                return "matched by exclude";
            }

            return head?.Reason(conv);
        };
    }

    private ChannelAnalysis Run(OnnxGraph graph)
    {
        foreach (var input in graph.Inputs)
        {
            if (!input.IsInitializer && Channels(input) is int c)
            {
                _layouts[input] = _elements.NewSource(new ChannelSource(input.Name, null, $"graph input '{input.Name}'"), c);
            }
        }

        foreach (var node in graph.Nodes)
        {
            Visit(node);
        }

        foreach (var output in graph.Outputs)
        {
            CloseValue(output, $"graph output '{output.Name}'");
        }

        foreach (var node in graph.AllNodes())
        {
            if (node.Graph != graph)
            {
                foreach (var input in node.Inputs)
                {
                    CloseValue(input, $"read inside a subgraph by {node}");
                }
            }
        }

        var closed = _elements.ClosedRoots();
        var groups = ChannelGrouping.Build(_elements, _layouts, _edits, closed);
        return new ChannelAnalysis(_elements, _layouts, _edits, groups, closed, _convs.Select(DescribeConv).ToList());
    }

    private ConvInfo DescribeConv(Node conv)
    {
        var weight = conv.Input(1)!.ConstValue!;
        var output = ShapeOf(conv.Output(0))?.ToArray();
        long spatial = output is { Length: >= 3 } ? output[2..].Aggregate(1L, (p, d) => p * d) : 0;
        long kernel = weight.Dims.Skip(2).Aggregate(1L, (p, d) => p * d);
        long group = conv.GetInt("group", 1);
        return new ConvInfo(conv, spatial, kernel, group, (int)(weight.Dims[1] * group), (int)weight.Dims[0], LayoutOf(conv.Input(0)), LayoutOf(conv.Output(0)), conv.Input(2) is { Name.Length: > 0 });
    }

    private int[]? LayoutOf(Value? value) => value is not null && _layouts.TryGetValue(value, out var layout) ? layout : null;

    private Shape? ShapeOf(Value value) => _shapes.TypeOf(value).Shape;

    /// <summary>The channel count of an NCHW-like value (rank 3 or more, dim 1 known).</summary>
    private int? Channels(Value value) =>
        ShapeOf(value) is { Rank: >= 3 } shape && shape[1].Value is long c && c is > 0 and <= int.MaxValue ? (int)c : null;

    private void CloseValue(Value? value, string reason)
    {
        if (LayoutOf(value) is { } layout)
        {
            _elements.Close(layout, reason);
        }
    }

    /// <summary>The node is a wall: channels reaching it close, and its outputs are new closed sources.</summary>
    private void Opaque(Node node, string why)
    {
        string reason = $"{why} at {node}";
        foreach (var input in node.Inputs)
        {
            CloseValue(input, reason);
        }

        foreach (var output in node.Outputs)
        {
            if (output.Name.Length > 0 && Channels(output) is int c)
            {
                _layouts[output] = _elements.NewSource(new ChannelSource(output.Name, null, $"made by {node}, which the analysis cannot see through"), c);
            }
        }
    }

    private void SetLayout(Value value, int[] layout) => _layouts[value] = layout;

    private Tensor? ConstantOf(Value? value) => value is null ? null : _shapes.ConstantOf(value);

    private static Tensor? Initializer(Value? value) => value is { ConstValue: { } t, IsGraphInput: false } ? t : null;

    private static bool OwnedBy(Value? value, Node node) =>
        value is null || (value.ConstValue is not null && !value.IsGraphInput && !value.IsGraphOutput && value.Uses.All(u => u.Node == node));

    private int Rank(Value value) => ShapeOf(value)?.Rank ?? -1;

    private static bool IsFloat(Tensor t) => t.DataType is DataType.Float or DataType.Float16 or DataType.Double;
}
