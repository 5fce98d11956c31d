using System.Text.Json.Nodes;
using OnnxOpt.Passes.Driver;
using OnnxOpt.Passes.Infrastructure;
using Xunit;
using static OnnxOpt.Passes.Tests.Pruning.PruneModels;

namespace OnnxOpt.Passes.Tests.Pruning;

public sealed class PruneConvL1ReportTests
{
    [Fact]
    public void Json_report_carries_the_per_layer_rows()
    {
        var model = Chain(3, [new ConvSpec(8, 3), new ConvSpec(4)], (_, n) => Draw(new Random(n), n, Values.Normal));
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.25 pattern=2:4},topo-sort");
        var json = JsonNode.Parse(ReportJson.Serialize(ReportJson.Of(report)))!;
        var prune = json["passes"]![0]!;
        Assert.Equal(0.5, prune["statistics"]!["sparsity"]!.GetValue<double>());

        var layer = prune["tables"]!["layers"]!.AsArray().Single()!;
        Assert.Equal(ConvName(1), layer["node"]!.GetValue<string>());
        Assert.Equal("[4,8,1,1]", layer["shape"]!.GetValue<string>());
        Assert.Equal(32, layer["weights"]!.GetValue<long>());
        Assert.Equal(16, layer["nonzero-after"]!.GetValue<long>());
        Assert.Equal(0.5, layer["sparsity"]!.GetValue<double>());

        var skipped = prune["tables"]!["skipped"]!.AsArray().Single()!;
        Assert.Equal(ConvName(0), skipped["node"]!.GetValue<string>());
        Assert.Contains("divisible by 4", skipped["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Empty(json["passes"]![1]!["tables"]!.AsObject());
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
