using OnnxOpt.Backends.TensorRT.Parser;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>What a check rule sees: the model, the target, the options, shared helpers, and where findings go.</summary>
public sealed class CheckContext
{
    private readonly Dictionary<Node, List<CheckDiagnostic>> _byNode = [];
    private readonly List<CheckDiagnostic> _modelIssues = [];
    private readonly Dictionary<Node, int> _index = [];

    public CheckContext(Model model, TargetProfile target, CheckOptions options)
    {
        Model = model;
        Target = target;
        Options = options;
        Nodes = model.Graph.AllNodes().ToList();
        for (int i = 0; i < Nodes.Count; i++)
        {
            _byNode[Nodes[i]] = [];
            _index[Nodes[i]] = i;
        }
    }

    public Model Model { get; }

    public TargetProfile Target { get; }

    public OnnxParserSupport Parser => Target.Parser;

    public CheckOptions Options { get; }

    /// <summary>Every node, nested subgraphs included, in graph order.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    public ElementTypeResolver Types { get; } = new();

    /// <summary>The node's name, or "Op#index" for the unnamed nodes some exporters write.</summary>
    public string Label(Node node) => node.Name.Length > 0 ? node.Name : $"{node.OpType}#{IndexOf(node)}";

    public int IndexOf(Node node) => _index[node];

    public void Report(Node node, CheckSeverity severity, string code, string message, SuggestedFix? fix = null) =>
        _byNode[node].Add(new CheckDiagnostic(severity, code, message, Label(node), node.OpType, null, fix));

    public void ReportValue(Value value, CheckSeverity severity, string code, string message, SuggestedFix? fix = null) =>
        _modelIssues.Add(new CheckDiagnostic(severity, code, message, null, null, value.Name, fix));

    public void ReportModel(CheckSeverity severity, string code, string message, SuggestedFix? fix = null) =>
        _modelIssues.Add(new CheckDiagnostic(severity, code, message, null, null, null, fix));

    public CheckReport ToReport() => new(
        Target,
        Model.GetOpset(),
        Nodes.Select(n => new NodeCheck(Label(n), n.OpType, n.Domain, _byNode[n])).ToList(),
        _modelIssues);
}
