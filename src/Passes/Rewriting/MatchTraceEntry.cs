namespace OnnxOpt.Passes.Rewriting;

/// <summary>One attempt of one pattern on one node: matched, or the pattern's reason for not matching.</summary>
public sealed record MatchTraceEntry(string Pass, string Pattern, int Benefit, string Node, string OpType, bool Matched, string? Reason)
{
    public override string ToString() =>
        $"trace-patterns: [{Pass}] {Pattern} (benefit {Benefit}) on {OpType} '{Node}': {(Matched ? "matched" : "no match: " + Reason)}";
}
