using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class TopologicalSortTests
{
    [Fact]
    public void Reversed_nodes_are_sorted_and_independent_nodes_keep_their_order()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var a = net.Op("Relu", [x]);
        var b = net.Op("Neg", [x]);
        var c = net.Op("Add", [a, b]);
        net.Output(c, "y");
        net.Graph.ReorderNodes([c.Producer!, b.Producer!, a.Producer!]);

        var report = PipelineRunner.Run(net.Model, "topo-sort", verifyEach: false);

        Assert.True(report.Changed);
        Assert.Equal(["Neg", "Relu", "Add"], net.Graph.Nodes.Select(n => n.OpType));
        Assert.DoesNotContain(GraphVerifier.Verify(net.Model), d => d.IsError);
    }

    [Fact]
    public void A_sorted_graph_is_left_exactly_as_it_was()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var b = net.Op("Neg", [x]);
        var a = net.Op("Relu", [x]);
        net.Output(net.Op("Add", [a, b]), "y");
        var before = net.Graph.Nodes.ToList();

        Assert.False(PipelineRunner.Run(net.Model, "topo-sort").Changed);
        Assert.Equal(before, net.Graph.Nodes);
    }

    [Fact]
    public void A_node_whose_subgraph_reads_a_later_value_moves_after_its_producer()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var cond = net.Builder.Input("cond", DataType.Bool);
        var thenBranch = new Graph.IR.OnnxGraph("then");
        var elseBranch = new Graph.IR.OnnxGraph("else");
        var branch = net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch));
        var late = net.Op("Relu", [x]);
        var inner = thenBranch.AddNode("Neg", [late], name: "inner", outputNames: ["inner_out"]);
        thenBranch.AddOutput(inner.Output(0));
        elseBranch.AddOutput(x);
        net.Output(branch.Output(0), "y");

        PipelineRunner.Run(net.Model, "topo-sort", verifyEach: false);

        Assert.Equal(["Relu", "If"], net.Graph.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void A_cycle_is_reported_and_the_graph_left_alone()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var first = net.Node("Add", [x, x], 1);
        var second = net.Node("Relu", [first.Output(0)], 1);
        first.SetInput(1, second.Output(0));
        net.Output(second.Output(0), "y");

        var report = PipelineRunner.Run(net.Model, "topo-sort", verifyEach: false);

        Assert.False(report.Changed);
        Assert.Contains(report.Diagnostics, d => d.IsError && d.Message.Contains("cycle", StringComparison.Ordinal));
        Assert.Equal([first, second], net.Graph.Nodes);
    }
}
