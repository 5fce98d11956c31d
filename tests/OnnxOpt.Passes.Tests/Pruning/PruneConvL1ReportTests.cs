using OnnxOpt.Passes.Infrastructure;
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

        var layer = Assert.Single(prune.FindTable("layers")!.Rows);
        Assert.Equal(ConvName(1), layer["node"]);
        Assert.Equal("[4,8,1,1]", layer["shape"]);
        Assert.Equal(32L, Convert.ToInt64(layer["weights"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(16L, Convert.ToInt64(layer["nonzero-after"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.5, Convert.ToDouble(layer["sparsity"], System.Globalization.CultureInfo.InvariantCulture));

        var skipped = Assert.Single(prune.FindTable("skipped")!.Rows);
        Assert.Equal(ConvName(0), skipped["node"]);
        Assert.Contains("divisible by 4", (string)skipped["reason"], StringComparison.Ordinal);

        Assert.Empty(report.Runs[1].Statistics.Tables);
    }

    [Fact]
    public void Table_columns_follow_the_rows()
    {
        var statistics = new PassStatistics();
        statistics.AddRow("t", new Dictionary<string, object> { ["a"] = 1, ["b"] = "x" });
        statistics.AddRow("t", new Dictionary<string, object> { ["a"] = 2, ["c"] = 0.5 });
        var table = Assert.Single(statistics.Tables);
        Assert.Equal(["a", "b", "c"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.False(statistics.IsEmpty);
        Assert.Null(statistics.FindTable("u"));
    }
}
