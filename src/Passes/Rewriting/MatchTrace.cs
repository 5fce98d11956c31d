namespace OnnxOpt.Passes.Rewriting;

/// <summary>Why patterns did not fire, collected when tracing is on (for debugging a rewrite that should have happened).</summary>
public sealed class MatchTrace
{
    private readonly List<(string Pattern, string Node, string Reason)> _failures = [];

    public IReadOnlyList<(string Pattern, string Node, string Reason)> Failures => _failures;

    public void Record(string pattern, string node, string reason) => _failures.Add((pattern, node, reason));
}
