namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>The verdict on one node: supported (no findings or only information), supported with warnings, or unsupported.</summary>
public sealed record NodeCheck(string Name, string OpType, string Domain, IReadOnlyList<CheckDiagnostic> Issues)
{
    public CheckSeverity? Worst => Issues.Count == 0 ? null : Issues.Max(i => i.Severity);

    public bool IsSupported => Worst != CheckSeverity.Unsupported;

    public string Status => Worst switch
    {
        CheckSeverity.Unsupported => "unsupported",
        CheckSeverity.Warning => "warning",
        _ => "supported",
    };
}
