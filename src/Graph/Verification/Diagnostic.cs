namespace OnnxOpt.Graph.Verification;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>One finding about a model: what is wrong, and the node (and graph) it is about.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Message, string? NodeName = null, string? GraphName = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        string where = NodeName is null ? string.Empty : $"node '{NodeName}': ";
        string graph = GraphName is null or "main" ? string.Empty : $" (in graph '{GraphName}')";
        return $"{(IsError ? "error" : "warning")}: {where}{Message}{graph}";
    }
}
