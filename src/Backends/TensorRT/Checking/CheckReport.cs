using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>The result of the pre-flight check: a verdict per node plus the findings about the model as a whole.</summary>
public sealed record CheckReport(TargetProfile Target, long? Opset, IReadOnlyList<NodeCheck> Nodes, IReadOnlyList<CheckDiagnostic> ModelIssues)
{
    /// <summary>The rewrite the model had in memory before the check (<see cref="CheckOptions.AppliedPipeline"/>); null when none.</summary>
    public string? AppliedPipeline { get; init; }

    /// <summary>Every finding, model-level first, then in node order.</summary>
    public IEnumerable<CheckDiagnostic> Diagnostics => ModelIssues.Concat(Nodes.SelectMany(n => n.Issues));

    /// <summary>True when nothing is unsupported (warnings allowed). `onnxopt check` exits 1 otherwise.</summary>
    public bool IsSupported => Diagnostics.All(d => d.Severity != CheckSeverity.Unsupported);

    public int UnsupportedNodeCount => Nodes.Count(n => !n.IsSupported);

    public int WarningNodeCount => Nodes.Count(n => n.Worst == CheckSeverity.Warning);

    /// <summary>The distinct pipelines the findings suggest, in first-seen order.</summary>
    public IReadOnlyList<string> SuggestedPipelines =>
        Diagnostics.Where(d => d.Severity != CheckSeverity.Info).Select(d => d.Fix?.Pipeline).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
