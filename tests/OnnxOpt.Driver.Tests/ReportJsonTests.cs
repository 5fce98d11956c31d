using System.Text.Json.Nodes;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Driver.Tests;

/// <summary>The `--report FILE.json` form of a pipeline run: counters, detail tables and diagnostics.</summary>
public sealed class ReportJsonTests
{
    [Fact]
    public void Counters_tables_and_diagnostics_are_written_with_their_types()
    {
        var statistics = new PassStatistics();
        statistics.Add("pruned", 3);
        statistics.AddRow("layers", new Row([StatisticsCell.Of("node", "conv1"), StatisticsCell.Of("weights", 32L), StatisticsCell.Of("sparsity", 0.5), StatisticsCell.Of("kept", true)]));
        statistics.AddRow("layers", new Row([StatisticsCell.Of("node", "conv2"), StatisticsCell.Of("weights", 16), StatisticsCell.Of("shape", "[4,8]")]));
        var report = new PipelineRunReport(
            "prune-conv-l1{amount=0.25}",
            [new PassRunRecord(0, "prune-conv-l1", "prune-conv-l1{amount=0.25}", true, TimeSpan.FromMilliseconds(2), statistics)],
            [new Diagnostic(DiagnosticSeverity.Warning, "[prune-conv-l1] skipped conv0", "conv0")],
            Converged: true,
            RewritesUsed: 2,
            StoppedAtRewrite: null);

        var json = JsonNode.Parse(ReportJson.Serialize(ReportJson.Of(report)))!;

        Assert.Equal("prune-conv-l1{amount=0.25}", json["pipeline"]!.GetValue<string>());
        Assert.True(json["changed"]!.GetValue<bool>());
        Assert.Equal(2, json["rewrites"]!.GetValue<long>());
        var pass = json["passes"]!.AsArray().Single()!;
        Assert.Equal(3, pass["statistics"]!["pruned"]!.GetValue<double>());
        var rows = pass["tables"]!["layers"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal("conv1", rows[0]!["node"]!.GetValue<string>());
        Assert.Equal(32, rows[0]!["weights"]!.GetValue<long>());
        Assert.Equal(0.5, rows[0]!["sparsity"]!.GetValue<double>());
        Assert.True(rows[0]!["kept"]!.GetValue<bool>());
        Assert.Equal(16, rows[1]!["weights"]!.GetValue<long>());
        Assert.Equal("[4,8]", rows[1]!["shape"]!.GetValue<string>());
        Assert.False(rows[1]!.AsObject().ContainsKey("kept"));
        Assert.Contains("skipped conv0", json["diagnostics"]!.AsArray().Single()!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>A row of any columns: reports read rows only through their cells.</summary>
    private sealed record Row(IReadOnlyList<StatisticsCell> Cells) : IStatisticsRow
    {
        public IReadOnlyList<StatisticsCell> ToCells() => Cells;
    }
}
