
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Folding;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Everything a pass may need besides the model: diagnostics, cancellation, the analysis cache, the statistics
/// of the running pass and the global rewrite budget. One context is passed to every pass of a pipeline run.
/// </summary>
public sealed class PassContext
{
    private readonly List<Diagnostic> _diagnostics = [];

    public PassContext(RewriteBudget? budget = null, CancellationToken cancellation = default)
    {
        Cancellation = cancellation;
        Budget = budget ?? new RewriteBudget();
    }

    public CancellationToken Cancellation { get; }

    public RewriteBudget Budget { get; }

    public AnalysisCache Analyses { get; } = new();

    /// <summary>Evaluates constant subgraphs the built-in kernels cannot (ONNX Runtime, set by the CLI or tests); null: built-in kernels only.</summary>
    public IConstantEvaluator? ConstantEvaluator { get; set; }

    /// <summary>Counters of the pass now running (the pass manager gives each run a fresh set).</summary>
    public PassStatistics Statistics { get; internal set; } = new();

    /// <summary>Records why patterns did or did not match (`--trace-patterns`); null: no tracing.</summary>
    public MatchTrace? PatternTrace { get; set; }

    /// <summary>The pass now running, for messages.</summary>
    public string CurrentPass { get; internal set; } = string.Empty;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public void Warn(string message, string? nodeName = null) =>
        _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, message, nodeName, Pass: NullIfEmpty(CurrentPass)));

    public void Error(string message, string? nodeName = null) =>
        _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, message, nodeName, Pass: NullIfEmpty(CurrentPass)));

    /// <summary>Asks permission for one rewrite; false once `--max-rewrites` is reached (the pass must then stop rewriting).</summary>
    public bool TryRewrite(string? what = null) => Budget.TryConsume(CurrentPass, what);

    public void ThrowIfCancelled() => Cancellation.ThrowIfCancellationRequested();

    private static string? NullIfEmpty(string pass) => pass.Length == 0 ? null : pass;
}
