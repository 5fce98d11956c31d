using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// The pre-flight check an engine build runs first: <see cref="CompatibilityChecker"/> with the build's precision and
/// shape profile. When the target's parser cannot take the model, <see cref="Problem"/> says in one line what the
/// first unsupported finding is and which pipelines fix the findings, so the build stops before trtexec is handed
/// a model it would reject.
/// </summary>
public sealed class EnginePreflight
{
    private EnginePreflight(CheckReport report, string modelPath)
    {
        Report = report;
        ModelPath = modelPath;
    }

    public CheckReport Report { get; }

    private string ModelPath { get; }

    public bool Passed => Report.IsSupported;

    public static EnginePreflight Run(Model model, string modelPath, TargetProfile target, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = CompatibilityChecker.Check(model, target, new CheckOptions { Precision = options.Precision, Shapes = options.Shapes });
        return new EnginePreflight(report, modelPath);
    }

    /// <summary>One line: the target, the first unsupported finding (and how many more), and the fix; null when the check passed.</summary>
    public string? Problem()
    {
        var unsupported = Report.Diagnostics.Where(d => d.Severity == CheckSeverity.Unsupported).ToList();
        if (unsupported.Count == 0)
        {
            return null;
        }

        var target = Report.Target;
        var first = unsupported[0];
        string more = unsupported.Count == 1 ? string.Empty : $" (and {unsupported.Count - 1} more unsupported finding{(unsupported.Count == 2 ? string.Empty : "s")}; 'onnxopt check' lists them)";
        return $"{target.Name}'s parser ({target.Parser.Name}) cannot take the model: {first.Subject}: {first.Message}{more}; {Fix(unsupported)}";
    }

    /// <summary>
    /// The pipeline that fixes every unsupported finding (each finding's own fix, in order, as one pipeline), or,
    /// when some finding has no pass that fixes it, what to do about that one.
    /// </summary>
    public string? FixPipeline() =>
        Report.Diagnostics.Where(d => d.Severity == CheckSeverity.Unsupported).ToList() is { Count: > 0 } unsupported && unsupported.All(d => d.Fix?.Pipeline is not null)
            ? string.Join(",", unsupported.Select(d => d.Fix!.Pipeline!).Distinct(StringComparer.Ordinal))
            : null;

    private string Fix(List<CheckDiagnostic> unsupported)
    {
        if (FixPipeline() is { } pipeline)
        {
            // The pipeline is always quoted: it usually holds braces or commas, and one form is easier to copy.
            return $"fix it first: onnxopt optimize {Quote(ModelPath)} -o FIXED.onnx --pipeline '{pipeline.Replace("'", "'\\''", StringComparison.Ordinal)}'";
        }

        var stuck = unsupported.First(d => d.Fix?.Pipeline is null);
        return $"no pass fixes {stuck.Subject}: {stuck.Fix?.Hint ?? "rewrite the model with supported ops"}";
    }

    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || "-_=./:+@%".Contains(c, StringComparison.Ordinal)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
