using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// Model-wide state of one conversion: the source and target opsets, names already taken in any graph (new values
/// must not shadow names of nested graphs), inferred element types and ranks, and counters for the result.
/// </summary>
internal sealed class ConversionSession
{
    private readonly HashSet<string> _valueNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);

    public ConversionSession(Model model, int source, int target)
    {
        Model = model;
        Source = source;
        Target = target;
        foreach (var graph in model.Graph.AllGraphs())
        {
            _valueNames.UnionWith(graph.Values.Select(v => v.Name));
            _nodeNames.UnionWith(graph.Nodes.Select(n => n.Name));
        }

        Facts = new ValueFacts(model);
    }

    public Model Model { get; }

    public int Source { get; }

    public int Target { get; }

    public ValueFacts Facts { get; }

    public int NodesAdded { get; set; }

    public int NodesReplaced { get; set; }

    /// <summary>A value name free in every graph of the model.</summary>
    public string ValueName(OnnxGraph graph, string hint)
    {
        string candidate = hint;
        for (int i = 1; _valueNames.Contains(candidate) || graph.IsNameTaken(candidate); i++)
        {
            candidate = $"{hint}_{i}";
        }

        _valueNames.Add(candidate);
        return candidate;
    }

    public string NodeName(string hint)
    {
        string candidate = hint;
        for (int i = 1; _nodeNames.Contains(candidate); i++)
        {
            candidate = $"{hint}_{i}";
        }

        _nodeNames.Add(candidate);
        return candidate;
    }
}
