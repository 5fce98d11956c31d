using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class EliminateUnusedInitializersTests
{
    [Fact]
    public void Only_unread_initializers_that_nobody_can_feed_or_read_are_removed()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var used = net.Const("used", [1, 2, 3], 3);
        net.Const("unused", [1, 2, 3, 4], 4);
        var overridable = net.Const("overridable", [5], 1);
        net.Graph.AddInput(overridable);
        var returned = net.Const("returned", [6], 1);
        net.Output(net.Op("Add", [x, used]), "y");
        net.Graph.AddOutput(returned);

        var report = PipelineRunner.Run(net.Model, "eliminate-unused-initializers");

        Assert.Equal(["used", "overridable", "returned"], net.Graph.Initializers.Select(v => v.Name));
        Assert.Equal(1, report.Runs[0].Statistics.Get("initializers-removed"));
        Assert.Equal(16, report.Runs[0].Statistics.Get("bytes-removed"));
        Assert.False(PipelineRunner.Run(net.Model, "eliminate-unused-initializers").Changed);
    }

    [Fact]
    public void Initializers_read_only_inside_a_subgraph_or_returned_by_one_stay()
    {
        var net = new Net();
        var cond = net.Builder.Input("cond", DataType.Bool);
        var readInside = net.Const("read_inside", [1], 1);
        var returned = net.Const("returned", [2], 1);
        var thenBranch = new Graph.IR.OnnxGraph("then");
        var inner = thenBranch.AddNode("Neg", [readInside], name: "inner", outputNames: ["inner_out"]);
        thenBranch.AddOutput(inner.Output(0));
        var elseBranch = new Graph.IR.OnnxGraph("else");
        elseBranch.AddOutput(returned);
        var branch = net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch));
        net.Output(branch.Output(0), "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-unused-initializers").Changed);
        Assert.Equal(2, net.Graph.Initializers.Count);
    }
}
