using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// A named SSA value: a graph input, an initializer (<see cref="ConstValue"/> set), or a node output.
/// It knows its producer and its uses; the use list is maintained by <see cref="Node"/>'s input methods,
/// never edited directly.
/// </summary>
public sealed class Value
{
    // A linked list so that dropping a use is O(1) (the node keeps its use's list node), in insertion order.
    private readonly LinkedList<Use> _uses = new();
    private readonly List<OnnxGraph> _returnedBy = [];
    private UseList? _useView;
    private string _name;
    private DataType _elementType;
    private Shape? _shape;

    internal Value(string name, DataType elementType = DataType.Undefined, Shape? shape = null)
    {
        _name = name;
        _elementType = elementType;
        _shape = shape;
    }

    /// <summary>The value's name; empty for an omitted optional node output. Renaming keeps the owning graph's name table right.</summary>
    public string Name
    {
        get => _name;
        set
        {
            if (value == _name)
            {
                return;
            }

            Graph?.OnRename(this, _name, value);
            _name = value;
        }
    }

    /// <summary>The element type when the value is a tensor and its type is known.</summary>
    public DataType ElementType
    {
        get => _elementType;
        set
        {
            if (value != _elementType)
            {
                _elementType = value;
                Graph?.Touch();
            }
        }
    }

    /// <summary>The shape, or null when even the rank is unknown.</summary>
    public Shape? Shape
    {
        get => _shape;
        set
        {
            if (!Equals(value, _shape))
            {
                _shape = value;
                Graph?.Touch();
            }
        }
    }

    /// <summary>The full type when it is not a plain tensor (sequence, map, optional, sparse tensor).</summary>
    public NonTensorType? NonTensorType { get; internal set; }

    public string? DocString { get; set; }

    /// <summary>The graph whose name table holds this value.</summary>
    public OnnxGraph? Graph { get; internal set; }

    /// <summary>The node computing this value, or null for graph inputs and initializers.</summary>
    public Node? Producer { get; internal set; }

    public int ProducerOutputIndex { get; internal set; }

    /// <summary>The constant data, when this value is an initializer.</summary>
    public Tensor? ConstValue { get; internal set; }

    public bool IsInitializer => ConstValue is not null;

    public bool IsGraphInput => Graph is not null && Graph.Inputs.Contains(this);

    /// <summary>True when the value's own graph lists it among its outputs.</summary>
    public bool IsGraphOutput => Graph is not null && _returnedBy.Contains(Graph);

    /// <summary>True when a subgraph (an If branch, a Loop body) returns this outer value directly as one of its outputs.</summary>
    public bool IsReturnedBySubgraph => _returnedBy.Exists(g => g != Graph);

    /// <summary>
    /// The graphs that list this value as an output, once per output slot: its own graph (a graph output) and
    /// subgraphs that return it directly. Like <see cref="Uses"/>, kept by the graphs' output methods; a value
    /// returned by any graph is still needed, so the IR refuses to remove its producer.
    /// </summary>
    public IReadOnlyList<OnnxGraph> ReturnedBy => _returnedBy;

    /// <summary>The node inputs reading this value, in the order they were connected.</summary>
    public IReadOnlyList<Use> Uses => _useView ??= new UseList(_uses);

    public bool HasUses => _uses.Count > 0;

    /// <summary>True when a node reads this value or a graph (its own or a subgraph) returns it.</summary>
    public bool IsUsedOrReturned => _uses.Count > 0 || _returnedBy.Count > 0;

    /// <summary>Metadata and unknown fields of the ValueInfoProto this value was read from, kept for the writer.</summary>
    internal ValueInfoProto? SourceInfo { get; set; }

    /// <summary>Metadata and unknown fields of the initializer's TensorProto, kept for the writer.</summary>
    internal TensorProto? SourceTensor { get; set; }

    internal LinkedListNode<Use> AddUse(Node node, int index) => _uses.AddLast(new Use(node, index));

    internal void RemoveUse(LinkedListNode<Use> use)
    {
        if (!ReferenceEquals(use.List, _uses))
        {
            throw new IRException($"use list of '{Name}' lacks input {use.Value.InputIndex} of node '{use.Value.Node.Name}'");
        }

        _uses.Remove(use);
    }

    internal bool Owns(LinkedListNode<Use> use) => ReferenceEquals(use.List, _uses);

    internal void AddReturn(OnnxGraph graph) => _returnedBy.Add(graph);

    internal void RemoveReturn(OnnxGraph graph) => _returnedBy.Remove(graph);

    /// <summary>Points every use of this value at <paramref name="replacement"/> instead (graph outputs are not touched).</summary>
    public void ReplaceAllUsesWith(Value replacement)
    {
        if (ReferenceEquals(replacement, this))
        {
            return;
        }

        foreach (var use in _uses.ToArray())
        {
            use.Node.SetInput(use.InputIndex, replacement);
        }
    }

    public string TypeString() => NonTensorType is not null ? "non-tensor" : $"{ElementType.OnnxName()}{Shape?.ToString() ?? "[?]"}";

    public override string ToString() => $"%{Name}: {TypeString()}";
}
