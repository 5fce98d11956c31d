using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Precision;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// The decisions of `convert-fp16`, made before anything changes: the precision of every node, the element type
/// every float32 value will have (its target), and the constants that need a second copy of the other precision
/// (a twin) because some users need float16 and others float32. Rounding a float32 constant to float16 and
/// casting it back would change what the float32 users see, so they get the original data instead.
/// </summary>
internal sealed class PrecisionPlan
{
    private readonly ConvertFloat16Options _options;
    private readonly HashSet<string> _blockedOps;
    private readonly HashSet<string> _blockedNodes;
    private readonly long _opset;

    private PrecisionPlan(Model model, ElementTypeAnalysis types, ConvertFloat16Options options)
    {
        _options = options;
        _blockedOps = new HashSet<string>(options.OpBlockList, StringComparer.Ordinal);
        _blockedNodes = new HashSet<string>(options.NodeBlockList, StringComparer.Ordinal);
        _opset = model.GetOpset() ?? 1;
        MainGraph = model.Graph;
        Types = types;
    }

    public OnnxGraph MainGraph { get; }

    public ElementTypeAnalysis Types { get; }

    public Dictionary<Node, NodePrecision> Modes { get; } = [];

    /// <summary>Every value that holds float32 data before the conversion, in graph order.</summary>
    public List<Value> FloatValues { get; } = [];

    /// <summary>The element type each float32 value has afterwards (float16 or float32).</summary>
    public Dictionary<Value, DataType> Targets { get; } = [];

    /// <summary>Constants that also need a copy in this other type for some of their users.</summary>
    public Dictionary<Value, DataType> Twins { get; } = [];

    /// <summary>Float32 ops kept because of the block lists, the spec or their domain, for statistics.</summary>
    public int KeptNodes { get; private set; }

    /// <summary>Decides which values become float16 and where casts go.</summary>
    /// <param name="model">The model to plan for; it is not changed.</param>
    /// <param name="types">The element types of the model as it is now (the pass's cached analysis).</param>
    /// <param name="options">The pass's options (block lists, I/O types).</param>
    public static PrecisionPlan Build(Model model, ElementTypeAnalysis types, ConvertFloat16Options options)
    {
        var plan = new PrecisionPlan(model, types, options);
        plan.DecideNodes();
        plan.DecideValues();
        return plan;
    }

    /// <summary>The type a float32 input must have afterwards: float16, float32, or null when any type is accepted.</summary>
    public DataType? Required(Node consumer, int index)
    {
        if (!Modes.TryGetValue(consumer, out var mode))
        {
            return null;
        }

        return mode switch
        {
            NodePrecision.Float32 => DataType.Float,
            NodePrecision.FollowUses => null,
            _ when Float16OpRules.IsAnyTypeInput(consumer, index) => null,
            _ when Float16OpRules.IsFloat32Input(consumer, index) => DataType.Float,
            _ => DataType.Float16,
        };
    }

    /// <summary>The type float outputs of <paramref name="graph"/> must have: `keep-io-types` for the main graph, the owner's precision for a subgraph.</summary>
    public DataType SlotType(OnnxGraph graph)
    {
        if (graph.ParentNode is { } owner)
        {
            return Modes.GetValueOrDefault(owner) == NodePrecision.Float16 ? DataType.Float16 : DataType.Float;
        }

        return _options.KeepIoTypes ? DataType.Float : DataType.Float16;
    }

    public bool IsFloat(Value? value) => value is not null && Types.TypeOf(value) == DataType.Float;

    private void DecideNodes()
    {
        foreach (var node in MainGraph.AllNodes())
        {
            var mode = Decide(node);
            Modes[node] = mode;
            if (mode == NodePrecision.Float32 && node.Inputs.Concat(node.Outputs).Any(IsFloat))
            {
                KeptNodes++;
            }
        }
    }

    private NodePrecision Decide(Node node)
    {
        if (!node.IsDefaultDomain || _blockedNodes.Contains(node.Name) || _blockedOps.Contains(node.OpType)
            || Float16OpRules.IsFloat32OnlyBySpec(node, _opset)
            || node.Inputs.Concat(node.Outputs).Any(v => v?.NonTensorType is not null))
        {
            return NodePrecision.Float32;
        }

        return node.OpType switch
        {
            "Constant" => node.HasAttribute("sparse_value") ? NodePrecision.Float32 : NodePrecision.FollowUses,
            "ConstantOfShape" => NodePrecision.FollowUses,
            "Cast" when node.GetInt("to", 0) == (long)DataType.Float => NodePrecision.FollowUses,
            _ => NodePrecision.Float16,
        };
    }

    private void DecideValues()
    {
        var slots = new Dictionary<Value, DataType>();
        foreach (var graph in MainGraph.AllGraphs())
        {
            foreach (var output in graph.Outputs)
            {
                slots.TryAdd(output, SlotType(graph));
            }
        }

        foreach (var graph in MainGraph.AllGraphs())
        {
            var values = graph.Inputs.Concat(graph.Initializers.Where(i => !graph.Inputs.Contains(i)))
                .Concat(graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Name.Length > 0));
            foreach (var value in values)
            {
                if (IsFloat(value))
                {
                    FloatValues.Add(value);
                    Targets[value] = TargetOf(value, graph, slots);
                }
            }
        }
    }

    private DataType TargetOf(Value value, OnnxGraph graph, Dictionary<Value, DataType> slots)
    {
        if (graph.Inputs.Contains(value))
        {
            // OnnxGraph inputs (and initializers a caller may override) follow keep-io-types; body inputs follow their loop.
            return SlotType(graph);
        }

        if (value.Producer is { } producer)
        {
            return Modes[producer] switch
            {
                NodePrecision.Float32 => DataType.Float,
                NodePrecision.Float16 => Float16OpRules.IsFloat32Output(producer, value.ProducerOutputIndex) ? DataType.Float : DataType.Float16,
                _ => FollowUses(value, slots),
            };
        }

        return FollowUses(value, slots);
    }

    /// <summary>A constant's type: what a graph output slot needs, else float16 when any user runs in float16.</summary>
    private DataType FollowUses(Value value, Dictionary<Value, DataType> slots)
    {
        bool needsHalf = false, needsSingle = false;
        foreach (var use in value.Uses)
        {
            var required = Required(use.Node, use.InputIndex);
            needsHalf |= required == DataType.Float16;
            needsSingle |= required == DataType.Float;
        }

        DataType primary = slots.TryGetValue(value, out var slot) ? slot : needsHalf ? DataType.Float16 : DataType.Float;
        if ((primary == DataType.Float16 && needsSingle) || (primary == DataType.Float && needsHalf))
        {
            Twins[value] = primary == DataType.Float16 ? DataType.Float : DataType.Float16;
        }

        return primary;
    }
}
