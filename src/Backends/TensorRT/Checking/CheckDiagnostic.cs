namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// One finding of the pre-flight check. It is about a node (<see cref="NodeName"/>, <see cref="OpType"/>), a graph
/// input or output (<see cref="ValueName"/>), or the whole model (all three null). <see cref="Code"/> is a stable
/// identifier for scripts (e.g. <c>unsupported-op</c>, <c>opset</c>, <c>constant-input</c>).
/// </summary>
public sealed record CheckDiagnostic(
    CheckSeverity Severity,
    string Code,
    string Message,
    string? NodeName = null,
    string? OpType = null,
    string? ValueName = null,
    SuggestedFix? Fix = null)
{
    /// <summary>What the finding is about, for text output: node 'x' (Op), input 'images', or model.</summary>
    public string Subject => NodeName is not null ? $"node '{NodeName}' ({OpType})" : ValueName is not null ? $"value '{ValueName}'" : "model";

    public override string ToString()
    {
        string severity = Severity switch { CheckSeverity.Unsupported => "unsupported", CheckSeverity.Warning => "warning", _ => "info" };
        string fix = Fix is null ? string.Empty : $" [fix: {Fix}]";
        return $"{severity}: {Subject}: {Message}{fix}";
    }
}
