using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning;
using Xunit;
using static OnnxOpt.Passes.Tests.Pruning.PruneModels;

namespace OnnxOpt.Passes.Tests.Pruning;

public sealed class PruneConvL1ReportTests
{
    [Fact]
    public void Report_carries_the_per_layer_rows()
    {
        var model = Chain(3, [new ConvSpec(8, 3), new ConvSpec(4)], (_, n) => Draw(new Random(n), n, Values.Normal));
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.25 pattern=2:4},topo-sort");
        var prune = report.Runs[0].Statistics;
        Assert.Equal(0.5, prune.Get("sparsity"));

        var layer = Assert.IsType<PrunedLayerRow>(Assert.Single(prune.FindTable("layers")!.Rows));
        Assert.Equal(ConvName(1), layer.Node);
        Assert.Equal("[4,8,1,1]", layer.Shape);
        Assert.Equal(32L, layer.Weights);
        Assert.Equal(16L, layer.NonzeroAfter);
        Assert.Equal(0.5, layer.Sparsity);

        var skipped = Assert.IsType<SkippedConvRow>(Assert.Single(prune.FindTable("skipped")!.Rows));
        Assert.Equal(ConvName(0), skipped.Node);
        Assert.Contains("divisible by 4", skipped.Reason, StringComparison.Ordinal);

        Assert.Empty(report.Runs[1].Statistics.Tables);
    }

    [Fact]
    public void Table_columns_follow_the_rows()
    {
        var statistics = new PassStatistics();
        statistics.AddRow("t", new TestRow([StatisticsCell.Of("a", 1), StatisticsCell.Of("b", "x")]));
        statistics.AddRow("t", new TestRow([StatisticsCell.Of("a", 2), StatisticsCell.Of("c", 0.5)]));
        var table = Assert.Single(statistics.Tables);
        Assert.Equal(["a", "b", "c"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.False(statistics.IsEmpty);
        Assert.Null(statistics.FindTable("u"));
    }

    [Fact]
    public void Cells_keep_their_kind_for_reports()
    {
        Assert.Equal((StatisticsCellKind.Integer, "32"), Shown(StatisticsCell.Of("n", 32L)));
        Assert.Equal((StatisticsCellKind.Number, "0.333333"), Shown(StatisticsCell.Of("x", 1.0 / 3)));
        Assert.Equal((StatisticsCellKind.Flag, "true"), Shown(StatisticsCell.Of("f", true)));
        Assert.Equal((StatisticsCellKind.Text, "why"), Shown(StatisticsCell.Of("t", "why")));
        Assert.Equal(["node", "op", "reason"], new Transforms.Quantization.KeptFloatRow("n", "Conv", "why").ToCells().Select(c => c.Column));

        static (StatisticsCellKind, string) Shown(StatisticsCell cell) => (cell.Kind, cell.Display());
    }

    private sealed record TestRow(IReadOnlyList<StatisticsCell> Cells) : IStatisticsRow
    {
        public IReadOnlyList<StatisticsCell> ToCells() => Cells;
    }
}
