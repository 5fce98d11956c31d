using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// A named SSA value: a graph input, an initializer (<see cref="ConstValue"/> set), or a node output.
/// It knows its producer and its uses; the use list is maintained by <see cref="Node"/>'s input methods,
/// never edited directly.
/// </summary>
public sealed class Value
{
    private readonly List<Use> _uses = [];
    private string _name;

    internal Value(string name, DataType elementType = DataType.Undefined, Shape? shape = null)
    {
        _name = name;
        ElementType = elementType;
        Shape = shape;
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
    public DataType ElementType { get; set; }

    /// <summary>The shape, or null when even the rank is unknown.</summary>
    public Shape? Shape { get; set; }

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

    public bool IsGraphOutput => Graph is not null && Graph.Outputs.Contains(this);

    public IReadOnlyList<Use> Uses => _uses;

    public bool HasUses => _uses.Count > 0;

    /// <summary>Metadata and unknown fields of the ValueInfoProto this value was read from, kept for the writer.</summary>
    internal ValueInfoProto? SourceInfo { get; set; }

    /// <summary>Metadata and unknown fields of the initializer's TensorProto, kept for the writer.</summary>
    internal TensorProto? SourceTensor { get; set; }

    internal void AddUse(Node node, int index) => _uses.Add(new Use(node, index));

    internal void RemoveUse(Node node, int index)
    {
        int at = _uses.IndexOf(new Use(node, index));
        if (at < 0)
        {
            throw new IRException($"use list of '{Name}' lacks input {index} of node '{node.Name}'");
        }

        _uses.RemoveAt(at);
    }

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
