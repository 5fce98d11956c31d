using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// What `quantize-int8` will rewrite: the nodes it quantizes, the activations that get a Q/DQ pair, which of those
/// must share one scale (the input and outputs of a data-movement op, the inputs and output of a Concat), and the
/// nodes kept float with the reason.
/// </summary>
internal sealed class QuantizationPlan
{
    private readonly Dictionary<Value, Value> _parent = [];

    public List<Node> Nodes { get; } = [];

    public List<Value> Activations { get; } = [];

    public List<(Node Node, string Reason)> KeptFloat { get; } = [];

    public void AddActivation(Value value)
    {
        if (!_parent.ContainsKey(value))
        {
            _parent[value] = value;
            Activations.Add(value);
        }
    }

    /// <summary>Puts two activations in one scale group.</summary>
    public void Share(Value a, Value b)
    {
        var ra = Root(a);
        var rb = Root(b);
        if (ra != rb)
        {
            _parent[rb] = ra;
        }
    }

    /// <summary>The representative of <paramref name="value"/>'s scale group.</summary>
    public Value Root(Value value)
    {
        var current = value;
        while (_parent[current] != current)
        {
            _parent[current] = _parent[_parent[current]];
            current = _parent[current];
        }

        return current;
    }

    public bool IsActivation(Value value) => _parent.ContainsKey(value);
}
