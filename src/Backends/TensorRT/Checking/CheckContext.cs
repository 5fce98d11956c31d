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

        InputShapes = InputShapeFix.For(model);
        Reach = new FoldReachAnalysis(InputShapes.HasDynamicInputs);
    }

    public Model Model { get; }

    public TargetProfile Target { get; }

    public OnnxParserSupport Parser => Target.Parser;

    public CheckOptions Options { get; }

    /// <summary>Every node, nested subgraphs included, in graph order.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    public ElementTypeResolver Types { get; } = new();

    /// <summary>The fix-input-shape step for the model's dynamic inputs (none when every input is static).</summary>
    public InputShapeFix InputShapes { get; }

    public FoldReachAnalysis Reach { get; }

    /// <summary>
    /// The fix for a finding that goes away when <paramref name="values"/> are folded into initializers: plain
    /// <c>fold-constants</c> when they fold now; <c>fix-input-shape{...},fold-constants</c> when they depend on
    /// dynamic input shapes (only a hint naming the sizes to fill in when the model does not say them); null when
    /// they depend on input data, so no folding removes the finding.
    /// </summary>
    public SuggestedFix? FoldFix(IEnumerable<Value?> values, string hint) => Reach.Of(values) switch
    {
        FoldReach.Now => new SuggestedFix(FixPipelines.FoldConstants, hint),
        FoldReach.WithFixedShapes when InputShapes.Pipeline is { } fix =>
            new SuggestedFix($"{fix},{FixPipelines.FoldConstants}", $"{hint}, once the dynamic input shape is fixed"),
        FoldReach.WithFixedShapes =>
            new SuggestedFix(null, $"fix the dynamic input shape first, then fold: {InputShapes.Template},{FixPipelines.FoldConstants} with the sizes you deploy"),
        _ => null,
    };

    /// <summary>The node's name, or "Op#index" for the unnamed nodes some exporters write.</summary>
    public string Label(Node node) => node.Name.Length > 0 ? node.Name : $"{node.OpType}#{IndexOf(node)}";

    public int IndexOf(Node node) => _index[node];

    public void Report(Node node, CheckSeverity severity, string code, string message, SuggestedFix? fix = null) =>
        _byNode[node].Add(new CheckDiagnostic(severity, code, message, Label(node), node.OpType, null, AfterApplied(fix)));

    public void ReportValue(Value value, CheckSeverity severity, string code, string message, SuggestedFix? fix = null) =>
        _modelIssues.Add(new CheckDiagnostic(severity, code, message, null, null, value.Name, AfterApplied(fix)));

    public void ReportModel(CheckSeverity severity, string code, string message, SuggestedFix? fix = null) =>
        _modelIssues.Add(new CheckDiagnostic(severity, code, message, null, null, null, AfterApplied(fix)));

    /// <summary>
    /// The checked model may have been rewritten in memory first (<see cref="CheckOptions.AppliedPipeline"/>); the
    /// file on disk has not, so a runnable fix for it starts with that rewrite.
    /// </summary>
    private SuggestedFix? AfterApplied(SuggestedFix? fix) =>
        fix is { Pipeline: { } pipeline } && Options.AppliedPipeline is { } applied && !pipeline.StartsWith(applied, StringComparison.Ordinal)
            ? fix with { Pipeline = $"{applied},{pipeline}" }
            : fix;

    public CheckReport ToReport() => new(
        Target,
        Model.GetOpset(),
        Nodes.Select(n => new NodeCheck(Label(n), n.OpType, n.Domain, _byNode[n])).ToList(),
        _modelIssues)
    {
        AppliedPipeline = Options.AppliedPipeline,
    };
}
