using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>The smaller items: --max-rewrites at a pass boundary, IR version on opset down-conversion.</summary>
public sealed class AlsoItemTests
{
    [Fact]
    public void A_budget_that_ends_at_a_pass_boundary_still_reports_where_it_stopped()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 4);
        var first = b.Op("Identity", "Identity_0", [x]);
        var second = b.Op("Identity", "Identity_1", [first]);
        b.Output(b.Op("Relu", "relu", [second]), "y");

        // eliminate-identity uses exactly the two rewrites; eliminate-dead-nodes is then skipped.
        var report = PipelineRunner.Run(b.Build(), "eliminate-identity,eliminate-dead-nodes", maxRewrites: 2);

        Assert.Equal(2, report.RewritesUsed);
        Assert.DoesNotContain(report.Runs, r => r.PassName == "eliminate-dead-nodes");
        Assert.StartsWith("eliminate-identity", report.StoppedAtRewrite, StringComparison.Ordinal);
    }

    [Fact]
    public void Converting_down_to_opset_13_lowers_ir_10_to_what_tensorrt_8_2_reads()
    {
        var b = new ModelBuilder(opset: 17, irVersion: 10);
        var x = b.Input("x", DataType.Float, 4);
        b.Output(b.Op("Relu", "relu", [x]), "y");
        var model = b.Build();

        PipelineRunner.Run(model, "convert-opset{version=13}");

        Assert.Equal(7, model.IrVersion);
    }
}
