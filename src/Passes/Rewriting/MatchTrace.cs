namespace OnnxOpt.Passes.Rewriting;

/// <summary>
/// Why patterns did or did not fire (`--trace-patterns=NAME`, MLIR's `-debug-only=greedy-rewriter` in spirit): the
/// greedy driver records every attempt of a pattern whose name, or whose pass's name, is <see cref="Filter"/>
/// ("all" traces every pattern), and echoes each to <paramref name="output"/> as it happens when one is given.
/// </summary>
public sealed class MatchTrace(string filter, TextWriter? output = null)
{
    private readonly List<MatchTraceEntry> _entries = [];

    public string Filter { get; } = filter;

    public IReadOnlyList<MatchTraceEntry> Entries => _entries;

    /// <summary>Whether attempts of <paramref name="pattern"/> in <paramref name="pass"/> are traced.</summary>
    public bool Wants(string pass, string pattern) => Filter == "all" || Filter == pattern || Filter == pass;

    public void Record(MatchTraceEntry entry)
    {
        _entries.Add(entry);
        output?.WriteLine(entry.ToString());
    }
}
