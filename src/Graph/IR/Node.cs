using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// An operator application. Inputs change only through <see cref="SetInput"/>, <see cref="AddInput"/>,
/// <see cref="RemoveLastInput"/> and <see cref="ReplaceInputs"/>, which keep every value's use list right.
/// An omitted optional input is null.
/// </summary>
public sealed class Node
{
    private readonly List<Value?> _inputs = [];

    // The use each input holds in its value's use list (null for an omitted input), so disconnecting is O(1).
    private readonly List<LinkedListNode<Use>?> _inputUses = [];
    private readonly List<Value> _outputs = [];
    private readonly List<NodeAttribute> _attributes = [];
    private string _domain;
    private string _opType;
    private string _name;

    internal Node(string domain, string opType, string name)
    {
        _domain = domain;
        _opType = opType;
        _name = name;
    }

    /// <summary>The operator domain; "" (or "ai.onnx") is the default ONNX domain.</summary>
    public string Domain
    {
        get => _domain;
        set
        {
            _domain = value;
            Graph?.Touch();
        }
    }

    public string OpType
    {
        get => _opType;
        set
        {
            _opType = value;
            Graph?.Touch();
        }
    }

    /// <summary>The node's name; renaming keeps the owning graph's table of node names right.</summary>
    public string Name
    {
        get => _name;
        set
        {
            if (value == _name)
            {
                return;
            }

            Graph?.OnNodeRename(_name, value);
            _name = value;
        }
    }

    public string? Overload { get; set; }

    public string? DocString { get; set; }

    /// <summary>The graph this node belongs to; null once removed.</summary>
    public OnnxGraph? Graph { get; internal set; }

    /// <summary>This node's place in its graph's <see cref="NodeList"/>.</summary>
    internal NodeLink? Link { get; set; }

    public IReadOnlyList<Value?> Inputs => _inputs;

    public IReadOnlyList<Value> Outputs => _outputs;

    public IReadOnlyList<NodeAttribute> Attributes => _attributes;

    /// <summary>Metadata, device configuration and unknown fields of the NodeProto this node was read from.</summary>
    internal NodeProto? Source { get; set; }

    public bool IsDefaultDomain => Domain.Length == 0 || Domain == "ai.onnx";

    /// <summary>True when this is the default-domain op <paramref name="opType"/>.</summary>
    public bool Is(string opType) => OpType == opType && IsDefaultDomain;

    public Value? Input(int index) => index < _inputs.Count ? _inputs[index] : null;

    public Value Output(int index = 0) => _outputs[index];

    public void SetInput(int index, Value? value)
    {
        var old = _inputs[index];
        if (ReferenceEquals(old, value))
        {
            return;
        }

        if (_inputUses[index] is { } use)
        {
            old!.RemoveUse(use);
        }

        _inputs[index] = value;
        _inputUses[index] = value?.AddUse(this, index);
        Graph?.Touch();
    }

    /// <summary>Whether input <paramref name="index"/>'s value records this input in its use list (O(1); for the verifier).</summary>
    internal bool HasRecordedUse(int index) =>
        _inputs[index] is { } value && _inputUses[index] is { } use && value.Owns(use) && use.Value == new Use(this, index);

    public void AddInput(Value? value)
    {
        _inputs.Add(value);
        _inputUses.Add(value?.AddUse(this, _inputs.Count - 1));
        Graph?.Touch();
    }

    public void RemoveLastInput()
    {
        int index = _inputs.Count - 1;
        if (_inputUses[index] is { } use)
        {
            _inputs[index]!.RemoveUse(use);
        }

        _inputs.RemoveAt(index);
        _inputUses.RemoveAt(index);
        Graph?.Touch();
    }

    /// <summary>Replaces all inputs at once.</summary>
    public void ReplaceInputs(IEnumerable<Value?> inputs)
    {
        DropInputs();
        foreach (var value in inputs)
        {
            AddInput(value);
        }
    }

    /// <summary>Disconnects every input (the node keeps its outputs).</summary>
    internal void DropInputs()
    {
        while (_inputs.Count > 0)
        {
            RemoveLastInput();
        }
    }

    internal void AttachOutput(Value value)
    {
        value.Producer = this;
        value.ProducerOutputIndex = _outputs.Count;
        _outputs.Add(value);
    }

    internal void DetachOutputs()
    {
        foreach (var output in _outputs)
        {
            output.Producer = null;
        }
    }

    /// <summary>Drops trailing outputs that nobody uses (e.g. Dropout's mask). Only unused, unnamed-or-unreferenced outputs go.</summary>
    public void RemoveTrailingOutput()
    {
        var last = _outputs[^1];
        if (last.HasUses || last.IsGraphOutput)
        {
            throw new IRException($"output '{last.Name}' of node '{Name}' is still used");
        }

        Graph?.Unregister(last);
        last.Producer = null;
        _outputs.RemoveAt(_outputs.Count - 1);
        Graph?.Touch();
    }

    public NodeAttribute? FindAttribute(string name) => _attributes.Find(a => a.Name == name);

    public bool HasAttribute(string name) => FindAttribute(name) is not null;

    /// <summary>
    /// Adds or replaces the attribute of the same name, keeping attribute order stable. Subgraphs the replaced
    /// attribute held and the new one does not are detached: their nodes no longer count as uses of outer values.
    /// </summary>
    public void SetAttribute(NodeAttribute attribute)
    {
        int index = _attributes.FindIndex(a => a.Name == attribute.Name);
        var replaced = index >= 0 ? _attributes[index] : null;
        if (index >= 0)
        {
            _attributes[index] = attribute;
        }
        else
        {
            _attributes.Add(attribute);
        }

        foreach (var subgraph in attribute.Subgraphs())
        {
            subgraph.ParentNode = this;
        }

        if (replaced is not null)
        {
            DetachDropped(replaced);
        }

        Graph?.Touch();
    }

    /// <summary>Removes an attribute; subgraphs it held are detached as in <see cref="SetAttribute"/>.</summary>
    public bool RemoveAttribute(string name)
    {
        int index = _attributes.FindIndex(a => a.Name == name);
        if (index < 0)
        {
            return false;
        }

        var removed = _attributes[index];
        _attributes.RemoveAt(index);
        DetachDropped(removed);
        Graph?.Touch();
        return true;
    }

    private void DetachDropped(NodeAttribute old)
    {
        foreach (var subgraph in old.Subgraphs())
        {
            if (!Subgraphs().Contains(subgraph))
            {
                OnnxGraph.Detach(subgraph, this);
            }
        }
    }

    public long GetInt(string name, long fallback) => FindAttribute(name)?.AsInt() ?? fallback;

    public float GetFloat(string name, float fallback) => FindAttribute(name)?.AsFloat() ?? fallback;

    public string GetString(string name, string fallback) => FindAttribute(name)?.AsString() ?? fallback;

    public IReadOnlyList<long>? GetInts(string name) => FindAttribute(name)?.AsInts();

    public IReadOnlyList<float>? GetFloats(string name) => FindAttribute(name)?.AsFloats();

    /// <summary>The subgraphs (If branches, Loop/Scan bodies) this node owns.</summary>
    public IEnumerable<OnnxGraph> Subgraphs() => HasSubgraphs() ? _attributes.SelectMany(a => a.Subgraphs()) : [];

    // Walks over every node of a model (verifier, fingerprint, AllNodes) ask this; almost all nodes hold no graph.
    private bool HasSubgraphs()
    {
        foreach (var attribute in _attributes)
        {
            if (attribute.RawValue is OnnxGraph or OnnxGraph[])
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"{(IsDefaultDomain ? "" : Domain + ".")}{OpType}('{Name}')";
}
