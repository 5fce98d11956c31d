using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class EliminateDeadNodesTests
{
    [Fact]
    public void Dead_chains_go_and_everything_reaching_an_output_stays()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var live = net.Op("Relu", [x]);
        var deadRoot = net.Op("Sigmoid", [live]);
        net.Op("Neg", [net.Op("Tanh", [deadRoot])]);
        var secondOutput = net.Op("Abs", [x]);
        net.Output(net.Op("Exp", [live]), "y");
        net.Output(secondOutput, "z");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "eliminate-dead-nodes");

        Assert.Equal(["Relu", "Abs", "Exp"], net.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal(3, report.Runs[0].Statistics.Get("nodes-removed"));
        Assert.False(PipelineRunner.Run(net.Model, "eliminate-dead-nodes").Changed);
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Values_read_only_inside_a_live_subgraph_or_returned_by_it_stay()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var cond = net.Builder.Input("cond", DataType.Bool);
        var readInside = net.Op("Relu", [x]);
        var returned = net.Op("Neg", [x]);
        var thenBranch = new Graph.IR.OnnxGraph("then");
        var inner = thenBranch.AddNode("Sigmoid", [readInside], name: "inner", outputNames: ["inner_out"]);
        thenBranch.AddOutput(inner.Output(0));
        var elseBranch = new Graph.IR.OnnxGraph("else");
        elseBranch.AddOutput(returned);
        var branch = net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch));
        net.Output(branch.Output(0), "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-dead-nodes").Changed);
        Assert.Equal(3, net.Graph.Nodes.Count);
    }

    [Fact]
    public void A_dead_node_with_a_subgraph_goes_with_what_only_it_reads()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var cond = net.Builder.Input("cond", DataType.Bool);
        var onlyForDead = net.Op("Relu", [x]);
        var thenBranch = new Graph.IR.OnnxGraph("then");
        var inner = thenBranch.AddNode("Sigmoid", [onlyForDead], name: "inner", outputNames: ["inner_out"]);
        thenBranch.AddOutput(inner.Output(0));
        var elseBranch = new Graph.IR.OnnxGraph("else");
        elseBranch.AddOutput(x);
        net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch));
        net.Output(net.Op("Abs", [x]), "y");

        PipelineRunner.Run(net.Model, "eliminate-dead-nodes");

        Assert.Equal(["Abs"], net.Graph.Nodes.Select(n => n.OpType));
        Assert.DoesNotContain(x.Uses, u => u.Node.Graph is null);
    }

    [Fact]
    public void Dead_nodes_inside_subgraphs_are_removed()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var cond = net.Builder.Input("cond", DataType.Bool);
        var thenBranch = new Graph.IR.OnnxGraph("then");
        thenBranch.AddNode("Sigmoid", [x], name: "inner_dead", outputNames: ["dead_out"]);
        var live = thenBranch.AddNode("Relu", [x], name: "inner_live", outputNames: ["live_out"]);
        thenBranch.AddOutput(live.Output(0));
        var elseBranch = new Graph.IR.OnnxGraph("else");
        elseBranch.AddOutput(x);
        var branch = net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch));
        net.Output(branch.Output(0), "y");

        Assert.True(PipelineRunner.Run(net.Model, "eliminate-dead-nodes").Changed);
        Assert.Equal(["Relu"], thenBranch.Nodes.Select(n => n.OpType));
    }
}
