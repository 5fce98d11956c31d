using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>What a pipeline run did: the canonical pipeline, every pass run, diagnostics, and whether fixpoints converged.</summary>
public sealed record PipelineRunReport(
    string Pipeline,
    IReadOnlyList<PassRunRecord> Runs,
    IReadOnlyList<Diagnostic> Diagnostics,
    bool Converged,
    long RewritesUsed,
    string? StoppedAtRewrite)
{
    public bool Changed => Runs.Any(r => r.Changed);

    public TimeSpan TotalTime => TimeSpan.FromTicks(Runs.Sum(r => r.Elapsed.Ticks));

    /// <summary>Counters summed per pass name over all runs of that pass.</summary>
    public IReadOnlyList<(string Pass, string Counter, double Value)> StatisticsByPass() =>
        Runs.GroupBy(r => r.PassName)
            .SelectMany(g => g.SelectMany(r => r.Statistics.Counters)
                .GroupBy(c => c.Key)
                .Select(c => (g.Key, c.Key, c.Sum(x => x.Value))))
            .ToList();
}
