using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// Every rewrite a conversion needs, worked out before any is made: either the list of problems that make the
/// conversion impossible, or the rewrites to apply. Planning reads the model only, so a refused conversion leaves
/// the model exactly as it was and <see cref="OpsetConversion.CanConvert"/> can be asked for free.
/// </summary>
internal sealed class ConversionPlan
{
    private readonly List<string> _problems = [];
    private readonly List<(Node Node, List<Action> Actions)> _rewrites = [];
    private readonly Model _model;
    private ConversionSession? _session;
    private bool _importMissing;

    private ConversionPlan(Model model, int target)
    {
        _model = model;
        Target = target;
    }

    public int Target { get; }

    public int Source { get; private set; }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>True when applying the plan would change nothing (same opset, nothing to rewrite).</summary>
    public bool IsEmpty => Source == Target && _rewrites.Count == 0 && !_importMissing;

    public static ConversionPlan Create(Model model, int target)
    {
        var plan = new ConversionPlan(model, target);
        plan.Build();
        return plan;
    }

    /// <summary>Runs the planned rewrites and stamps the model with the target opset.</summary>
    public OpsetConversionResult Apply()
    {
        if (_problems.Count > 0)
        {
            throw new OpsetConversionException(Target, _problems);
        }

        foreach (var (_, actions) in _rewrites)
        {
            foreach (var action in actions)
            {
                action();
            }
        }

        SetDefaultOpset();
        long minimumIr = MinimumIrVersion(Target);
        if (_model.IrVersion < minimumIr)
        {
            _model.IrVersion = minimumIr;
        }
        else if (_model.IrVersion > minimumIr && IrEra.CanLower(_model, minimumIr))
        {
            // Parsers of the target's era (TensorRT 8.2, onnx 1.12) refuse files from a newer IR version.
            _model.IrVersion = minimumIr;
        }

        return new OpsetConversionResult(Source, Target, _rewrites.Count, _session?.NodesAdded ?? 0, _session?.NodesReplaced ?? 0, _model.IrVersion);
    }

    /// <summary>The IR version of the ONNX release that introduced each opset; older IR versions cannot declare it.</summary>
    public static long MinimumIrVersion(int opset) => opset switch
    {
        <= 11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    private void Build()
    {
        if (Target is < OpsetConversion.MinTarget or > OpsetConversion.MaxTarget)
        {
            _problems.Add($"opset {Target} is not a supported target (choose {OpsetConversion.MinTarget} to {OpsetConversion.MaxTarget})");
            return;
        }

        bool usesDefaultDomain = _model.Graph.AllNodes().Any(n => n.IsDefaultDomain);
        if (_model.GetOpset() is not { } imported)
        {
            if (usesDefaultDomain)
            {
                _problems.Add("the model uses default-domain operators but imports no default opset");
            }

            Source = Target;
            _importMissing = true;
            return;
        }

        Source = (int)Math.Clamp(imported, int.MinValue, int.MaxValue);
        if (imported < OpsetConversion.MinSource || imported > OpsetConversion.MaxTarget)
        {
            _problems.Add($"the model imports opset {imported}; models from opset {OpsetConversion.MinSource} to {OpsetConversion.MaxTarget} can be converted");
            return;
        }

        if (Source == Target)
        {
            return;
        }

        _session = new ConversionSession(_model, Source, Target);
        foreach (var graph in _model.Graph.AllGraphs().ToList())
        {
            foreach (var node in graph.Nodes.ToList())
            {
                if (node.IsDefaultDomain)
                {
                    PlanNode(node, graph, _session);
                }
            }
        }
    }

    private void PlanNode(Node node, OnnxGraph graph, ConversionSession session)
    {
        string where = Describe(node, graph);
        if (OpVersionTable.Find(node.OpType) is not { } history)
        {
            _problems.Add($"{where}: {node.OpType} is not an ONNX operator this converter has a version history for");
            return;
        }

        if (Source < history.Introduced)
        {
            _problems.Add($"{where}: {node.OpType} first appeared in opset {history.Introduced}, but the model imports opset {Source}");
            return;
        }

        var rules = new List<(IVersionRule Rule, int Since)>();
        if (history.RemovedAt is { } removed && Target >= removed)
        {
            if (history.Replacement is null)
            {
                _problems.Add($"{where}: {node.OpType} was removed from ONNX in opset {removed}");
                return;
            }

            // The replacement writes the target opset's operator directly, so older changes of the removed one do not matter.
            rules.Add((history.Replacement, removed));
        }
        else
        {
            foreach (var change in history.Crossed(Source, Target))
            {
                foreach (var rule in change.Rules)
                {
                    if (!rules.Exists(r => ReferenceEquals(r.Rule, rule)))
                    {
                        rules.Add((rule, change.Since));
                    }
                }
            }

            if (Target < history.Introduced)
            {
                if (history.Replacement is null)
                {
                    _problems.Add($"{where}: {node.OpType} does not exist before opset {history.Introduced}");
                    return;
                }

                rules.Add((history.Replacement, history.Introduced));
            }
        }

        var conversion = new NodeConversion(session, node, graph);
        var actions = new List<Action>();
        foreach (var (rule, since) in rules)
        {
            var outcome = rule.Plan(conversion, since);
            if (outcome.Problem is { } problem)
            {
                _problems.Add($"{where}: {problem}");
            }
            else if (outcome.Apply is { } apply)
            {
                actions.Add(apply);
            }
        }

        if (actions.Count > 0)
        {
            _rewrites.Add((node, actions));
        }
    }

    private static string Describe(Node node, OnnxGraph graph)
    {
        string name = node.Name.Length > 0 ? $"node '{node.Name}'" : $"unnamed node #{graph.IndexOf(node)}";
        string inGraph = graph.ParentNode is null ? string.Empty : $" in subgraph '{graph.Name}'";
        return $"{name} ({node.OpType}){inGraph}";
    }

    private void SetDefaultOpset()
    {
        int index = _model.OpsetImports.FindIndex(o => o.Domain.Length == 0 || o.Domain == "ai.onnx");
        if (index < 0)
        {
            _model.OpsetImports.Insert(0, new OpsetImport(string.Empty, Target));
            return;
        }

        _model.OpsetImports[index] = _model.OpsetImports[index] with { Version = Target };
        for (int i = _model.OpsetImports.Count - 1; i > index; i--)
        {
            if (_model.OpsetImports[i].Domain.Length == 0 || _model.OpsetImports[i].Domain == "ai.onnx")
            {
                _model.OpsetImports.RemoveAt(i);
            }
        }
    }
}
