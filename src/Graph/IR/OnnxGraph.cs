using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// A graph: inputs, initializers, nodes in order, outputs, and a name table of its values. All structural
/// changes go through its methods so that use lists, producers and names stay consistent. Subgraphs
/// (If/Loop/Scan bodies) are graphs whose <see cref="ParentNode"/> is set; their nodes may use outer values.
/// </summary>
public sealed class OnnxGraph
{
    private readonly List<Node> _nodes = [];
    private readonly List<Value> _inputs = [];
    private readonly List<Value> _outputs = [];
    private readonly List<Value> _initializers = [];
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private int _nameCounter;

    public OnnxGraph(string name = "main") => Name = name;

    public string Name { get; set; }

    public string? DocString { get; set; }

    /// <summary>The node owning this graph as an attribute, for subgraphs.</summary>
    public Node? ParentNode { get; internal set; }

    public OnnxGraph? ParentGraph => ParentNode?.Graph;

    public IReadOnlyList<Node> Nodes => _nodes;

    public IReadOnlyList<Value> Inputs => _inputs;

    public IReadOnlyList<Value> Outputs => _outputs;

    public IReadOnlyList<Value> Initializers => _initializers;

    // Sparse initializers and quantization annotations: kept as read and written back (no pass rewrites them), so
    // they stay protobuf messages inside this assembly instead of public IR.
    internal List<SparseTensorProto> SparseInitializers { get; } = [];

    internal List<TensorAnnotation> QuantizationAnnotations { get; } = [];

    public List<KeyValuePair<string, string>> MetadataProps { get; } = [];

    /// <summary>Unknown fields of the GraphProto this graph was read from.</summary>
    internal GraphProto? Source { get; set; }

    /// <summary>Values named in this graph (inputs, initializers, node outputs).</summary>
    public IEnumerable<Value> Values => _values.Values;

    public Value? FindValue(string name) => _values.GetValueOrDefault(name);

    /// <summary>Looks a name up here, then in enclosing graphs (outer-scope references of subgraphs).</summary>
    public Value? Resolve(string name)
    {
        for (var g = this; g is not null; g = g.ParentGraph)
        {
            if (g._values.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public bool IsNameTaken(string name)
    {
        for (var g = this; g is not null; g = g.ParentGraph)
        {
            if (g._values.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name not yet used in this graph or its ancestors, derived from <paramref name="hint"/>.</summary>
    public string UniqueName(string hint)
    {
        if (hint.Length > 0 && !IsNameTaken(hint))
        {
            return hint;
        }

        string candidate;
        do
        {
            candidate = $"{hint}_{++_nameCounter}";
        }
        while (IsNameTaken(candidate));
        return candidate;
    }

    public Value AddInput(string name, DataType elementType, Shape? shape)
    {
        var value = Register(new Value(name, elementType, shape));
        _inputs.Add(value);
        return value;
    }

    /// <summary>Adds an existing value (usually an initializer listed as input by old exporters) to the input list.</summary>
    public void AddInput(Value value)
    {
        RequireOwned(value);
        _inputs.Add(value);
    }

    public void RemoveInput(Value value)
    {
        if ((value.HasUses || value.IsGraphOutput) && !value.IsInitializer)
        {
            throw new IRException($"graph input '{value.Name}' is still used");
        }

        _inputs.Remove(value);
        if (!value.IsInitializer)
        {
            Unregister(value);
        }
    }

    public void AddOutput(Value value) => _outputs.Add(value);

    public void SetOutput(int index, Value value) => _outputs[index] = value;

    public void RemoveOutputAt(int index) => _outputs.RemoveAt(index);

    public void ClearOutputs() => _outputs.Clear();

    public Value AddInitializer(string name, Tensor tensor)
    {
        var value = Register(new Value(name));
        SetInitializerValue(value, tensor);
        _initializers.Add(value);
        return value;
    }

    /// <summary>Replaces an initializer's data; the value's type and shape follow the tensor.</summary>
    public void SetInitializerValue(Value value, Tensor tensor)
    {
        RequireOwned(value);
        value.ConstValue = tensor;
        value.ElementType = tensor.DataType;
        value.Shape = Shape.Of(tensor.DimsArray());
    }

    public void RemoveInitializer(Value value)
    {
        if (value.HasUses || value.IsGraphOutput)
        {
            throw new IRException($"initializer '{value.Name}' is still used");
        }

        _initializers.Remove(value);
        _inputs.Remove(value);
        value.ConstValue = null;
        Unregister(value);
    }

    /// <summary>Creates a node and inserts it at <paramref name="index"/> (default: the end).</summary>
    public Node AddNode(
        string opType,
        IEnumerable<Value?> inputs,
        int outputCount = 1,
        string? name = null,
        IEnumerable<NodeAttribute>? attributes = null,
        string domain = "",
        IReadOnlyList<string>? outputNames = null,
        int? index = null)
    {
        var node = new Node(domain, opType, name ?? NumberedNodeName(opType));
        int count = outputNames?.Count ?? outputCount;
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = outputNames is not null ? outputNames[i] : UniqueName($"{node.Name}_output_{i}");
        }

        // Check every name before touching the graph, so a refused node leaves no half-registered outputs behind.
        for (int i = 0; i < count; i++)
        {
            if (names[i].Length > 0 && (IsNameTaken(names[i]) || Array.IndexOf(names, names[i], i + 1) > 0))
            {
                throw new IRException($"cannot add node '{node.Name}': value name '{names[i]}' is already defined");
            }
        }

        foreach (var attribute in attributes ?? [])
        {
            node.SetAttribute(attribute);
        }

        foreach (string outputName in names)
        {
            node.AttachOutput(outputName.Length == 0 ? new Value(string.Empty) { Graph = this } : Register(new Value(outputName)));
        }

        foreach (var input in inputs)
        {
            node.AddInput(input);
        }

        node.Graph = this;
        _nodes.Insert(index ?? _nodes.Count, node);
        return node;
    }

    /// <summary>Creates a node right before <paramref name="anchor"/>, so that it dominates the anchor's uses.</summary>
    public Node InsertBefore(Node anchor, string opType, IEnumerable<Value?> inputs, int outputCount = 1, string? name = null, IEnumerable<NodeAttribute>? attributes = null, string domain = "") =>
        AddNode(opType, inputs, outputCount, name, attributes, domain, null, IndexOf(anchor));

    public Node InsertAfter(Node anchor, string opType, IEnumerable<Value?> inputs, int outputCount = 1, string? name = null, IEnumerable<NodeAttribute>? attributes = null, string domain = "") =>
        AddNode(opType, inputs, outputCount, name, attributes, domain, null, IndexOf(anchor) + 1);

    public int IndexOf(Node node) => _nodes.IndexOf(node);

    /// <summary>Removes a node whose outputs have no uses and are not graph outputs; refuses otherwise.</summary>
    public void RemoveNode(Node node)
    {
        RemoveNodes([node]);
    }

    /// <summary>
    /// Removes several nodes at once. Their outputs may be used by other removed nodes, but by nothing else.
    /// </summary>
    public void RemoveNodes(IEnumerable<Node> nodes)
    {
        var doomed = nodes.ToHashSet();
        foreach (var node in doomed)
        {
            if (node.Graph != this)
            {
                throw new IRException($"node '{node.Name}' is not in graph '{Name}'");
            }

            foreach (var output in node.Outputs)
            {
                if (output.IsGraphOutput)
                {
                    throw new IRException($"cannot remove node '{node.Name}': its output '{output.Name}' is a graph output");
                }

                foreach (var use in output.Uses)
                {
                    if (!doomed.Contains(OutermostNodeIn(use.Node)))
                    {
                        throw new IRException($"cannot remove node '{node.Name}': its output '{output.Name}' is used by '{use.Node.Name}'");
                    }
                }
            }
        }

        foreach (var node in doomed)
        {
            DropRecursive(node);
        }

        foreach (var node in doomed)
        {
            foreach (var output in node.Outputs)
            {
                Unregister(output);
            }

            node.DetachOutputs();
            node.Graph = null;
        }

        _nodes.RemoveAll(doomed.Contains);
    }

    /// <summary>Moves a node to another position in the list (used by topological sorting).</summary>
    public void ReorderNodes(IReadOnlyList<Node> order)
    {
        var distinct = new HashSet<Node>(order);
        if (order.Count != _nodes.Count || distinct.Count != order.Count || order.Any(n => n.Graph != this))
        {
            throw new IRException("a reordering must contain exactly the graph's nodes, each once");
        }

        _nodes.Clear();
        _nodes.AddRange(order);
    }

    /// <summary>Every node of this graph and of its subgraphs, depth first.</summary>
    public IEnumerable<Node> AllNodes()
    {
        foreach (var node in _nodes)
        {
            yield return node;
            foreach (var subgraph in node.Subgraphs())
            {
                foreach (var inner in subgraph.AllNodes())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>This graph and every nested subgraph.</summary>
    public IEnumerable<OnnxGraph> AllGraphs()
    {
        yield return this;
        foreach (var node in _nodes)
        {
            foreach (var subgraph in node.Subgraphs())
            {
                foreach (var inner in subgraph.AllGraphs())
                {
                    yield return inner;
                }
            }
        }
    }

    internal Node AppendUnconnected(Node node)
    {
        node.Graph = this;
        _nodes.Add(node);
        return node;
    }

    internal Value Register(Value value)
    {
        if (value.Name.Length > 0)
        {
            if (_values.ContainsKey(value.Name))
            {
                throw new IRException($"value name '{value.Name}' is already defined in graph '{Name}'");
            }

            _values[value.Name] = value;
        }

        value.Graph = this;
        return value;
    }

    internal void Unregister(Value value)
    {
        if (value.Name.Length > 0 && _values.TryGetValue(value.Name, out var known) && ReferenceEquals(known, value))
        {
            _values.Remove(value.Name);
        }

        value.Graph = null;
    }

    internal void OnRename(Value value, string oldName, string newName)
    {
        if (newName.Length > 0 && IsNameTaken(newName))
        {
            throw new IRException($"cannot rename '{oldName}' to '{newName}': the name is taken");
        }

        if (_values.TryGetValue(oldName, out var known) && ReferenceEquals(known, value))
        {
            _values.Remove(oldName);
        }

        if (newName.Length > 0)
        {
            _values[newName] = value;
        }
    }

    /// <summary>A node name not used by any node of this graph: <paramref name="hint"/> itself when free, else <c>hint_N</c>.</summary>
    public string UniqueNodeName(string hint)
    {
        var names = NodeNames();
        if (hint.Length > 0 && !names.Contains(hint))
        {
            return hint;
        }

        return NumberedNodeName(hint, names);
    }

    private HashSet<string> NodeNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            names.Add(node.Name);
        }

        return names;
    }

    // Default names of nodes created without one: the op type and a number (Conv_12).
    private string NumberedNodeName(string hint, HashSet<string>? names = null)
    {
        names ??= NodeNames();
        int i = _nodes.Count;
        string candidate;
        do
        {
            candidate = $"{hint}_{i++}";
        }
        while (names.Contains(candidate));
        return candidate;
    }

    private void RequireOwned(Value value)
    {
        if (value.Graph != this)
        {
            throw new IRException($"value '{value.Name}' does not belong to graph '{Name}'");
        }
    }

    private Node OutermostNodeIn(Node node)
    {
        var current = node;
        while (current.Graph is not null && current.Graph != this && current.Graph.ParentNode is not null)
        {
            current = current.Graph.ParentNode;
        }

        return current;
    }

    /// <summary>
    /// Cuts a subgraph its node no longer holds loose from the values it read: its nodes stop counting as uses,
    /// so the outer producers can be removed. A subgraph already handed to another node is left alone.
    /// </summary>
    internal static void Detach(OnnxGraph subgraph, Node formerOwner)
    {
        if (subgraph.ParentNode != formerOwner)
        {
            return;
        }

        foreach (var inner in subgraph._nodes)
        {
            DropRecursive(inner);
        }

        subgraph.ParentNode = null;
    }

    private static void DropRecursive(Node node)
    {
        node.DropInputs();
        foreach (var subgraph in node.Subgraphs())
        {
            foreach (var inner in subgraph._nodes)
            {
                DropRecursive(inner);
            }
        }
    }

    public override string ToString() => $"graph '{Name}' ({_nodes.Count} nodes)";
}
