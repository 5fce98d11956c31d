using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// A graph: inputs, initializers, nodes in order, outputs, and a name table of its values. All structural
/// changes go through its methods so that use lists, producers and names stay consistent. Subgraphs
/// (If/Loop/Scan bodies) are graphs whose <see cref="ParentNode"/> is set; their nodes may use outer values.
/// Every edit is O(1) or O(uses of the values it touches): the node order is a linked list (<see cref="NodeList"/>),
/// and the tables of value and node names are kept up to date as nodes come, go and are renamed.
/// </summary>
public sealed class OnnxGraph
{
    private readonly NodeList _nodes = new();

    // How many nodes carry each name (ONNX does not forbid duplicate node names), for numbering unnamed nodes.
    private readonly Dictionary<string, int> _nodeNames = new(StringComparer.Ordinal);
    private readonly List<Value> _inputs = [];
    private readonly List<Value> _outputs = [];
    private readonly List<Value> _initializers = [];
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private int _nameCounter;
    private string _name;

    public OnnxGraph(string name = "main") => _name = name;

    /// <summary>The graph's name; renaming counts as an edit (see <see cref="Revision"/>).</summary>
    public string Name
    {
        get => _name;
        set
        {
            if (value != _name)
            {
                _name = value;
                Touch();
            }
        }
    }

    public string? DocString { get; set; }

    /// <summary>The node owning this graph as an attribute, for subgraphs.</summary>
    public Node? ParentNode { get; internal set; }

    public OnnxGraph? ParentGraph => ParentNode?.Graph;

    /// <summary>The nodes in order; enumeration is stable while the graph is edited (see <see cref="NodeList"/>).</summary>
    public NodeList Nodes => _nodes;

    /// <summary>
    /// A counter that every edit of this graph or of a subgraph nested in it increases (nodes, inputs, outputs,
    /// initializers, attributes, names, types). Equal revisions mean no edit went through the IR in between.
    /// </summary>
    public long Revision { get; private set; }

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
        Touch();
    }

    public void RemoveInput(Value value)
    {
        if (value.IsUsedOrReturned && !value.IsInitializer)
        {
            throw new IRException($"graph input '{value.Name}' is still used");
        }

        _inputs.Remove(value);
        if (!value.IsInitializer)
        {
            Unregister(value);
        }

        Touch();
    }

    /// <summary>Lists a value as an output of this graph; for a subgraph it may be a value of an enclosing graph.</summary>
    public void AddOutput(Value value)
    {
        _outputs.Add(value);
        value.AddReturn(this);
        Touch();
    }

    public void SetOutput(int index, Value value)
    {
        _outputs[index].RemoveReturn(this);
        _outputs[index] = value;
        value.AddReturn(this);
        Touch();
    }

    public void RemoveOutputAt(int index)
    {
        _outputs[index].RemoveReturn(this);
        _outputs.RemoveAt(index);
        Touch();
    }

    public void ClearOutputs()
    {
        foreach (var output in _outputs)
        {
            output.RemoveReturn(this);
        }

        _outputs.Clear();
        Touch();
    }

    public Value AddInitializer(string name, Tensor tensor)
    {
        var value = Register(new Value(name));
        SetInitializerValue(value, tensor);
        _initializers.Add(value);
        Touch();
        return value;
    }

    /// <summary>Replaces an initializer's data; the value's type and shape follow the tensor.</summary>
    public void SetInitializerValue(Value value, Tensor tensor)
    {
        RequireOwned(value);
        value.ConstValue = tensor;
        value.ElementType = tensor.DataType;
        value.Shape = Shape.Of(tensor.DimsArray());
        Touch();
    }

    public void RemoveInitializer(Value value)
    {
        if (value.IsUsedOrReturned)
        {
            throw new IRException($"initializer '{value.Name}' is still used");
        }

        _initializers.Remove(value);
        _inputs.Remove(value);
        value.ConstValue = null;
        Unregister(value);
        Touch();
    }

    /// <summary>
    /// Creates a node and inserts it at <paramref name="index"/> (default: the end). Appending and inserting at 0
    /// are O(1); another index walks the list (O(index)): prefer <see cref="InsertBefore"/> and <see cref="InsertAfter"/>.
    /// </summary>
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
        if (index is < 0 || index > _nodes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"graph '{Name}' has {_nodes.Count} nodes");
        }

        return CreateNode(opType, inputs, outputCount, name, attributes, domain, outputNames, node =>
        {
            if (index is 0)
            {
                _nodes.AddFirst(node);
            }
            else
            {
                _nodes.InsertAt(index ?? _nodes.Count, node);
            }
        });
    }

    /// <summary>Creates a node right before <paramref name="anchor"/>, so that it dominates the anchor's uses (O(1)).</summary>
    public Node InsertBefore(Node anchor, string opType, IEnumerable<Value?> inputs, int outputCount = 1, string? name = null, IEnumerable<NodeAttribute>? attributes = null, string domain = "", IReadOnlyList<string>? outputNames = null)
    {
        RequireNode(anchor);
        return CreateNode(opType, inputs, outputCount, name, attributes, domain, outputNames, node => _nodes.InsertBefore(anchor, node));
    }

    /// <summary>Creates a node right after <paramref name="anchor"/> (O(1)).</summary>
    public Node InsertAfter(Node anchor, string opType, IEnumerable<Value?> inputs, int outputCount = 1, string? name = null, IEnumerable<NodeAttribute>? attributes = null, string domain = "", IReadOnlyList<string>? outputNames = null)
    {
        RequireNode(anchor);
        return CreateNode(opType, inputs, outputCount, name, attributes, domain, outputNames, node => _nodes.InsertAfter(anchor, node));
    }

    /// <summary>The node's position (O(1) between edits, see <see cref="NodeList"/>), or -1 when it is not in this graph.</summary>
    public int IndexOf(Node node) => _nodes.IndexOf(node);

    private Node CreateNode(
        string opType,
        IEnumerable<Value?> inputs,
        int outputCount,
        string? name,
        IEnumerable<NodeAttribute>? attributes,
        string domain,
        IReadOnlyList<string>? outputNames,
        Action<Node> place)
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

        place(node);
        AdoptNode(node);
        return node;
    }

    /// <summary>Removes a node whose outputs have no uses and are not graph outputs; refuses otherwise.</summary>
    public void RemoveNode(Node node)
    {
        RemoveNodes([node]);
    }

    /// <summary>
    /// Removes several nodes at once. Their outputs may be used or returned by other removed nodes (or by subgraphs
    /// those hold), but by nothing else: not by other nodes, not as an output of this graph or of a subgraph.
    /// O(the nodes' outputs' uses and returns).
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
                foreach (var returning in output.ReturnedBy)
                {
                    if (returning == this)
                    {
                        throw new IRException($"cannot remove node '{node.Name}': its output '{output.Name}' is a graph output");
                    }

                    if (returning.ParentNode is not { } holder || OutermostNodeOf(holder) is not { } outer || !doomed.Contains(outer))
                    {
                        throw new IRException($"cannot remove node '{node.Name}': its output '{output.Name}' is returned by subgraph '{returning.Name}'");
                    }
                }

                foreach (var use in output.Uses)
                {
                    if (OutermostNodeOf(use.Node) is not { } outer || !doomed.Contains(outer))
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
            _nodes.Remove(node);
            ForgetNodeName(node.Name);
            node.Graph = null;
        }

        Touch();
    }

    /// <summary>Moves a node to another position in the list (used by topological sorting).</summary>
    public void ReorderNodes(IReadOnlyList<Node> order)
    {
        var distinct = new HashSet<Node>(order);
        if (order.Count != _nodes.Count || distinct.Count != order.Count || order.Any(n => n.Graph != this))
        {
            throw new IRException("a reordering must contain exactly the graph's nodes, each once");
        }

        _nodes.Reset(order);
        Touch();
    }

    /// <summary>
    /// The node of this graph that holds <paramref name="node"/>: the node itself when it is in this graph, else the
    /// node owning the subgraph (at any depth) that contains it; null when <paramref name="node"/> is not inside this graph.
    /// </summary>
    public Node? OutermostNodeOf(Node node)
    {
        for (var current = node; current.Graph is { } graph; current = graph.ParentNode)
        {
            if (graph == this)
            {
                return current;
            }

            if (graph.ParentNode is null)
            {
                return null;
            }
        }

        return null;
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
        _nodes.AddLast(node);
        AdoptNode(node);
        return node;
    }

    /// <summary>Records an edit here and in every enclosing graph (see <see cref="Revision"/>).</summary>
    internal void Touch()
    {
        for (var g = this; g is not null; g = g.ParentGraph)
        {
            g.Revision++;
        }
    }

    internal void OnNodeRename(string oldName, string newName)
    {
        ForgetNodeName(oldName);
        _nodeNames[newName] = _nodeNames.GetValueOrDefault(newName) + 1;
        Touch();
    }

    private void AdoptNode(Node node)
    {
        node.Graph = this;
        _nodeNames[node.Name] = _nodeNames.GetValueOrDefault(node.Name) + 1;
        Touch();
    }

    private void ForgetNodeName(string name)
    {
        if (_nodeNames.TryGetValue(name, out int count))
        {
            if (count <= 1)
            {
                _nodeNames.Remove(name);
            }
            else
            {
                _nodeNames[name] = count - 1;
            }
        }
    }

    private void RequireNode(Node anchor)
    {
        if (anchor.Graph != this)
        {
            throw new IRException($"node '{anchor.Name}' is not in graph '{Name}'");
        }
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

        Touch();
    }

    /// <summary>A node name not used by any node of this graph: <paramref name="hint"/> itself when free, else <c>hint_N</c>.</summary>
    public string UniqueNodeName(string hint)
    {
        if (hint.Length > 0 && !_nodeNames.ContainsKey(hint))
        {
            return hint;
        }

        return NumberedNodeName(hint);
    }

    /// <summary>Whether a node of this graph (not of its subgraphs) is called <paramref name="name"/>.</summary>
    public bool IsNodeNameTaken(string name) => _nodeNames.ContainsKey(name);

    // Default names of nodes created without one: the op type and a number (Conv_12).
    private string NumberedNodeName(string hint)
    {
        int i = _nodes.Count;
        string candidate;
        do
        {
            candidate = $"{hint}_{i++}";
        }
        while (_nodeNames.ContainsKey(candidate));
        return candidate;
    }

    private void RequireOwned(Value value)
    {
        if (value.Graph != this)
        {
            throw new IRException($"value '{value.Name}' does not belong to graph '{Name}'");
        }
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

        DropOuterReferences(subgraph);
        subgraph.Touch();
        subgraph.ParentNode = null;
    }

    private static void DropRecursive(Node node)
    {
        node.DropInputs();
        foreach (var subgraph in node.Subgraphs())
        {
            DropOuterReferences(subgraph);
        }
    }

    // A subgraph cut loose stops reading and returning outer values: its nodes' inputs are dropped, and its
    // outputs stop counting as returns of values that belong to enclosing graphs.
    private static void DropOuterReferences(OnnxGraph subgraph)
    {
        foreach (var inner in subgraph._nodes)
        {
            DropRecursive(inner);
        }

        foreach (var output in subgraph._outputs)
        {
            if (output.Graph != subgraph)
            {
                output.RemoveReturn(subgraph);
            }
        }
    }

    public override string ToString() => $"graph '{Name}' ({_nodes.Count} nodes)";
}
