using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>
/// Graph outputs, including a subgraph returning an outer value directly, are recorded on the value
/// (<see cref="Value.ReturnedBy"/>), so the IR refuses to remove what a graph still returns.
/// </summary>
public sealed class SubgraphReturnTests
{
    [Fact]
    public void A_branch_returning_an_outer_value_is_recorded_and_blocks_removing_its_producer()
    {
        var (b, relu, branch, ifNode) = IfReturningOuterRelu();

        Assert.True(relu.IsReturnedBySubgraph);
        Assert.False(relu.IsGraphOutput);
        Assert.True(relu.IsUsedOrReturned);
        Assert.Equal([branch], relu.ReturnedBy);
        Assert.False(relu.HasUses);

        var error = Assert.Throws<IRException>(() => b.Graph.RemoveNode(relu.Producer!));
        Assert.Contains("returned by subgraph 'branch'", error.Message);
        Assert.Same(relu, b.Graph.FindValue(relu.Name));

        // Together with the If that holds the branch (and the If's reader), the producer may go; the branch then returns it no more.
        var sink = b.Graph.Outputs[0].Producer!;
        b.Graph.SetOutput(0, b.Graph.Inputs[0]);
        b.Graph.RemoveNodes([relu.Producer!, ifNode, sink]);
        Assert.Empty(relu.ReturnedBy);
    }

    [Fact]
    public void Replacing_the_branch_attribute_drops_the_return_so_the_producer_can_go()
    {
        var (b, relu, branch, ifNode) = IfReturningOuterRelu();
        var x = b.Graph.Inputs[0];
        var replacement = new OnnxGraph("replacement");
        replacement.AddOutput(replacement.AddNode("Identity", [x], name: "r", outputNames: ["r_y"]).Output());

        ifNode.SetAttribute(NodeAttribute.FromGraph("then_branch", replacement));

        Assert.False(relu.IsReturnedBySubgraph);
        Assert.Empty(relu.ReturnedBy);
        Assert.Null(branch.ParentNode);
        b.Graph.RemoveNode(relu.Producer!);
        Assert.DoesNotContain(GraphVerifier.Verify(b.Build()), d => d.IsError);
    }

    [Fact]
    public void Output_edits_keep_the_record_of_returns()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2);
        var relu = b.Op("Relu", "relu", [x]);
        var neg = b.Op("Neg", "neg", [x]);

        b.Graph.AddOutput(relu);
        b.Graph.AddOutput(relu);
        Assert.Equal([b.Graph, b.Graph], relu.ReturnedBy);

        b.Graph.SetOutput(0, neg);
        Assert.Equal([b.Graph], relu.ReturnedBy);
        Assert.True(neg.IsGraphOutput);

        b.Graph.RemoveOutputAt(1);
        Assert.False(relu.IsGraphOutput);
        b.Graph.RemoveNode(relu.Producer!);

        b.Graph.ClearOutputs();
        Assert.False(neg.IsUsedOrReturned);
        Assert.Throws<IRException>(() => b.Graph.RemoveInput(x));
    }

    [Fact]
    public void OutermostNodeOf_finds_the_node_of_this_graph_that_holds_a_nested_node()
    {
        var (b, relu, branch, ifNode) = IfReturningOuterRelu();
        var inner = branch.Nodes[0];

        Assert.Same(ifNode, b.Graph.OutermostNodeOf(inner));
        Assert.Same(relu.Producer, b.Graph.OutermostNodeOf(relu.Producer!));
        Assert.Same(inner, branch.OutermostNodeOf(inner));
        Assert.Null(branch.OutermostNodeOf(relu.Producer!));
    }

    /// <summary>main: relu = Relu(x); if = If(cond) whose then-branch returns relu itself and else-branch Neg(x).</summary>
    private static (ModelBuilder Builder, Value Relu, OnnxGraph Branch, Node If) IfReturningOuterRelu()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2);
        var relu = b.Op("Relu", "relu", [x]);
        var branch = new OnnxGraph("branch");
        branch.AddNode("Neg", [x], name: "unused_inner", outputNames: ["unused_inner_y"]);
        branch.AddOutput(relu);
        var other = new OnnxGraph("other");
        other.AddOutput(other.AddNode("Neg", [x], name: "neg", outputNames: ["neg_y"]).Output());
        var cond = b.Constant("cond", Tensor.Scalar(false));
        var ifNode = b.Graph.AddNode("If", [cond], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", other)], outputNames: ["if_y"]);
        b.Output(b.Op("Identity", "sink", [ifNode.Output()]), "out", DataType.Float, 2);
        return (b, relu, branch, ifNode);
    }
}
