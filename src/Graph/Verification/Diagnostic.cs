namespace OnnxOpt.Graph.Verification;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>One finding about a model: what is wrong, the node (and graph) it is about, and the pass that found it (null outside passes).</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Message, string? NodeName = null, string? GraphName = null, string? Pass = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        string where = NodeName is null ? string.Empty : $"node '{NodeName}': ";
        string graph = GraphName is null or "main" ? string.Empty : $" (in graph '{GraphName}')";
        string pass = Pass is null ? string.Empty : $"[{Pass}] ";
        return $"{(IsError ? "error" : "warning")}: {where}{pass}{Message}{graph}";
    }
}
