using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// One node being converted, with the helpers rules use to rewrite it: facts about values, new initializers and
/// nodes with names unique in the whole model, and taking over an output (its name, uses, graph-output slots and
/// declared type) so that rewrites never rename what the rest of the model refers to.
/// </summary>
internal sealed class NodeConversion(ConversionSession session, Node node, OnnxGraph graph)
{
    public Node Node { get; } = node;

    public OnnxGraph Graph { get; } = graph;

    public int Source => session.Source;

    public int Target => session.Target;

    /// <summary>True when the conversion goes from below <paramref name="since"/> to it or above.</summary>
    public bool CrossesUp(int since) => Source < since && Target >= since;

    /// <summary>True when the conversion goes from <paramref name="since"/> or above to below it.</summary>
    public bool CrossesDown(int since) => Target < since && Source >= since;

    public DataType ElementType(Value value) => session.Facts.ElementType(value);

    public int? Rank(Value value) => session.Facts.Rank(value);

    public static Tensor? Constant(Value? value) => ValueFacts.Constant(value);

    /// <summary>The values of a constant integer input, or null when the input is absent or not constant.</summary>
    public static long[]? ConstantInts(Value? value) => Constant(value) is { } tensor && IsInteger(tensor.DataType) ? tensor.ToInt64Array() : null;

    public Value AddInitializer(string hint, Tensor tensor) =>
        Graph.AddInitializer(session.ValueName(Graph, $"{Node.Name}_{hint}"), tensor);

    public Value AddInt64s(string hint, IReadOnlyList<long> values) => AddInitializer(hint, Tensor.Create(values.ToArray(), values.Count));

    /// <summary>A scalar initializer of a floating-point element type.</summary>
    public Value AddScalar(string hint, DataType type, double value) => AddInitializer(hint, type switch
    {
        DataType.Float => Tensor.Scalar((float)value),
        DataType.Double => Tensor.Scalar(value),
        DataType.Float16 => Tensor.Scalar((Half)value),
        _ => throw new ArgumentException($"no scalar constants of type {type.OnnxName()}", nameof(type)),
    });

    /// <summary>Creates a node right before the converted one (so it dominates the node's uses) and returns it.</summary>
    public Node InsertBefore(string opType, IEnumerable<Value?> inputs, string hint, params NodeAttribute[] attributes)
    {
        string name = session.NodeName($"{Node.Name}/{hint}");
        var created = Graph.AddNode(opType, inputs, 1, name, attributes, string.Empty, [session.ValueName(Graph, $"{name}_output")], Graph.IndexOf(Node));
        session.NodesAdded++;
        return created;
    }

    /// <summary>
    /// Appends <paramref name="opType"/>(<paramref name="produced"/>, extra inputs...) after the converted node and makes its
    /// result take over <paramref name="produced"/>'s identity: name, uses, graph-output slots and declared type. The original
    /// value gets a fresh name and loses its declared shape, which no longer applies.
    /// </summary>
    public Node AppendAfter(Value produced, string opType, IEnumerable<Value?> extraInputs, string hint, params NodeAttribute[] attributes)
    {
        string originalName = produced.Name;
        var uses = produced.Uses.ToArray();
        var slots = OutputSlots(produced);
        produced.Name = session.ValueName(Graph, $"{originalName}_{hint}_input");
        string name = session.NodeName($"{Node.Name}/{hint}");
        var created = Graph.AddNode(opType, [produced, .. extraInputs], 1, name, attributes, string.Empty, [originalName], Graph.IndexOf(Node) + 1);
        var result = created.Output(0);
        CopyType(produced, result);
        produced.Shape = null;
        foreach (var use in uses)
        {
            use.Node.SetInput(use.InputIndex, result);
        }

        foreach (int slot in slots)
        {
            Graph.SetOutput(slot, result);
        }

        session.NodesAdded++;
        return created;
    }

    /// <summary>Removes the converted node, giving its single output's identity to <paramref name="replacement"/>.</summary>
    public void ReplaceWith(Value replacement)
    {
        var old = Node.Output(0);
        string name = old.Name;
        CopyType(old, replacement);
        foreach (var use in old.Uses.ToArray())
        {
            use.Node.SetInput(use.InputIndex, replacement);
        }

        foreach (int slot in OutputSlots(old))
        {
            Graph.SetOutput(slot, replacement);
        }

        var inputs = Node.Inputs.ToArray();
        Graph.RemoveNode(Node);
        replacement.Name = name;
        foreach (var input in inputs)
        {
            Release(input);
        }

        session.NodesReplaced++;
    }

    /// <summary>Drops the node's inputs from <paramref name="index"/> on (and omitted ones before them), releasing constants nothing else reads.</summary>
    public void RemoveInputsFrom(int index)
    {
        var dropped = new List<Value?>();
        while (Node.Inputs.Count > index || (Node.Inputs.Count > 0 && Node.Inputs[^1] is null))
        {
            dropped.Add(Node.Inputs[^1]);
            Node.RemoveLastInput();
        }

        foreach (var value in dropped)
        {
            Release(value);
        }
    }

    /// <summary>Sets input <paramref name="index"/>, padding with omitted inputs, and releases the value it replaces.</summary>
    public void SetInput(int index, Value? value)
    {
        while (Node.Inputs.Count <= index)
        {
            Node.AddInput(null);
        }

        var old = Node.Inputs[index];
        Node.SetInput(index, value);
        if (value is null)
        {
            // Omitted inputs at the end are simply left out.
            RemoveInputsFrom(Node.Inputs.Count);
        }

        Release(old);
    }

    /// <summary>Removes an initializer or a Constant node once nothing reads it any more.</summary>
    public static void Release(Value? value)
    {
        if (value is null || value.Name.Length == 0 || value.IsUsedOrReturned || value.Graph is not { } owner)
        {
            return;
        }

        if (value.IsInitializer)
        {
            if (!value.IsGraphInput)
            {
                owner.RemoveInitializer(value);
            }
        }
        else if (value.Producer is { } producer && producer.Is("Constant"))
        {
            owner.RemoveNode(producer);
        }
    }

    public static bool IsInteger(DataType type) =>
        type is DataType.Int64 or DataType.Int32 or DataType.Int16 or DataType.Int8 or DataType.UInt64 or DataType.UInt32 or DataType.UInt16 or DataType.UInt8;

    private List<int> OutputSlots(Value value)
    {
        var slots = new List<int>();
        for (int i = 0; i < Graph.Outputs.Count; i++)
        {
            if (ReferenceEquals(Graph.Outputs[i], value))
            {
                slots.Add(i);
            }
        }

        return slots;
    }

    private static void CopyType(Value from, Value to)
    {
        if (to.ElementType == DataType.Undefined)
        {
            to.ElementType = from.ElementType;
        }

        to.Shape ??= from.Shape;
        to.DocString ??= from.DocString;
    }
}
