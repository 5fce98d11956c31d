namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// Collapses findings that differ only in the node or value they are about (same severity, code, op type, message
/// and fix) into one line with a count and an example, so a quantized model with hundreds of Q/DQ nodes gives one
/// line per op type instead of one per node. `--verbose` and JSON keep every finding.
/// </summary>
public static class CheckDiagnosticGroups
{
    public static IEnumerable<string> Lines(IEnumerable<CheckDiagnostic> diagnostics, bool grouped)
    {
        if (!grouped)
        {
            return diagnostics.Select(d => d.ToString());
        }

        return diagnostics
            .GroupBy(d => (d.Severity, d.Code, d.OpType, IsValue: d.ValueName is not null, d.Message, Fix: d.Fix?.ToString()))
            .Select(g => g.Count() == 1 ? g.First().ToString() : Describe(g.First(), g.Count()));
    }

    private static string Describe(CheckDiagnostic first, int count)
    {
        string subject = first.NodeName is not null ? $"{count} {first.OpType} nodes (e.g. '{first.NodeName}')"
            : first.ValueName is not null ? $"{count} values (e.g. '{first.ValueName}')"
            : $"model ({count} times)";
        var single = first with { NodeName = null, OpType = null, ValueName = null };
        string line = single.ToString();
        int colon = line.IndexOf(": model: ", StringComparison.Ordinal);
        return $"{line[..colon]}: {subject}: {line[(colon + ": model: ".Length)..]}";
    }
}
