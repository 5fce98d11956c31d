using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>The IR keeps producers, use lists and the name table right through every structural change.</summary>
public sealed class IRApiTests
{
    [Fact]
    public void SetInput_moves_the_use_from_the_old_value_to_the_new_one()
    {
        var (b, x, y) = TwoInputs();
        var add = b.Graph.AddNode("Add", [x, x], name: "add");

        add.SetInput(1, y);

        Assert.Equal([new Use(add, 0)], x.Uses);
        Assert.Equal([new Use(add, 1)], y.Uses);
        AssertUseListsConsistent(b.Graph);
    }

    [Fact]
    public void AddInput_RemoveLastInput_and_ReplaceInputs_keep_use_lists_right()
    {
        var (b, x, y) = TwoInputs();
        var concat = b.Graph.AddNode("Concat", [x], name: "concat", attributes: [NodeAttribute.Int("axis", 0)]);

        concat.AddInput(y);
        concat.AddInput(null);
        concat.AddInput(x);
        Assert.Equal([new Use(concat, 0), new Use(concat, 3)], x.Uses);
        Assert.Equal([new Use(concat, 1)], y.Uses);

        concat.RemoveLastInput();
        Assert.Equal([new Use(concat, 0)], x.Uses);

        concat.ReplaceInputs([y, null, y]);
        Assert.Empty(x.Uses);
        Assert.Equal([new Use(concat, 0), new Use(concat, 2)], y.Uses);
        AssertUseListsConsistent(b.Graph);
    }

    [Fact]
    public void ReplaceAllUsesWith_moves_every_use_including_subgraph_uses_but_not_graph_outputs()
    {
        var (b, x, y) = TwoInputs();
        var relu = b.Op("Relu", [x]);
        var add = b.Graph.AddNode("Add", [relu, relu], name: "add").Outputs[0];
        var branch = new OnnxGraph("branch");
        branch.AddOutput(branch.AddNode("Neg", [relu], name: "neg", outputNames: ["neg_y"]).Outputs[0]);
        var otherwise = new OnnxGraph("otherwise");
        otherwise.AddOutput(otherwise.AddNode("Identity", [x], name: "id", outputNames: ["id_y"]).Outputs[0]);
        var cond = b.Constant("cond", Tensor.Scalar(true));
        b.Graph.AddNode("If", [cond], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", otherwise)], outputNames: ["if_y"]);
        b.Output(relu, "relu_y");
        b.Output(add, "add_y");

        relu.ReplaceAllUsesWith(y);

        Assert.Empty(relu.Uses);
        Assert.Equal(3, y.Uses.Count);
        Assert.Same(y, branch.Nodes[0].Inputs[0]);
        Assert.Contains(relu, b.Graph.Outputs);
        AssertUseListsConsistent(b.Graph);
    }

    [Fact]
    public void Removing_a_node_whose_output_is_used_is_refused_and_changes_nothing()
    {
        var (b, x, _) = TwoInputs();
        var relu = b.Op("Relu", "relu", [x]);
        var neg = b.Op("Neg", "neg", [relu]);
        b.Output(neg, "out");

        var error = Assert.Throws<IRException>(() => b.Graph.RemoveNode(relu.Producer!));

        Assert.Contains("used by 'neg'", error.Message);
        Assert.Equal(2, b.Graph.Nodes.Count);
        Assert.Same(relu, b.Graph.FindValue(relu.Name));
        Assert.Single(x.Uses);
    }

    [Fact]
    public void Removing_a_node_that_makes_a_graph_output_is_refused()
    {
        var (b, x, _) = TwoInputs();
        b.Output(b.Op("Relu", "relu", [x]), "out");

        Assert.Contains("graph output", Assert.Throws<IRException>(() => b.Graph.RemoveNode(b.Graph.Nodes[0])).Message);
    }

    [Fact]
    public void RemoveNodes_removes_a_chain_at_once_and_drops_its_uses_and_names()
    {
        var (b, x, y) = TwoInputs();
        var relu = b.Op("Relu", "relu", [x]);
        var add = b.Op("Add", "add", [relu, y]);
        b.Output(b.Op("Neg", "keep", [y]), "out");

        b.Graph.RemoveNodes([add.Producer!, relu.Producer!]);

        Assert.Equal(["keep"], b.Graph.Nodes.Select(n => n.Name));
        Assert.Empty(x.Uses);
        Assert.Single(y.Uses);
        Assert.Null(b.Graph.FindValue(relu.Name));
        Assert.Null(b.Graph.FindValue(add.Name));
        Assert.Null(relu.Producer);
        AssertUseListsConsistent(b.Graph);
        Assert.DoesNotContain(GraphVerifier.Verify(b.Build()), d => d.IsError);
    }

    [Fact]
    public void A_subgraph_use_of_an_outer_value_counts_and_blocks_removing_its_producer()
    {
        var (b, x, _) = TwoInputs();
        var relu = b.Op("Relu", "relu", [x]);
        var branch = new OnnxGraph("branch");
        branch.AddOutput(branch.AddNode("Neg", [relu], name: "inner", outputNames: ["inner_y"]).Outputs[0]);
        var other = new OnnxGraph("other");
        other.AddOutput(other.AddNode("Identity", [x], name: "inner2", outputNames: ["inner2_y"]).Outputs[0]);
        var cond = b.Constant("cond", Tensor.Scalar(false));
        var ifNode = b.Graph.AddNode("If", [cond], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", other)], outputNames: ["if_y"]);
        var sink = b.Op("Identity", "sink", [x]);
        b.Output(sink, "out");

        Assert.Equal([new Use(branch.Nodes[0], 0)], relu.Uses);
        Assert.Contains("used by 'inner'", Assert.Throws<IRException>(() => b.Graph.RemoveNode(relu.Producer!)).Message);

        // Removing the If together with the producer is fine: the only use is inside the If.
        b.Graph.RemoveNodes([relu.Producer!, ifNode]);
        Assert.Empty(relu.Uses);
        Assert.Equal([new Use(sink.Producer!, 0)], x.Uses);
        Assert.DoesNotContain(GraphVerifier.Verify(b.Build()), d => d.IsError);
    }

    [Fact]
    public void Replacing_a_branch_detaches_the_old_one_so_outer_producers_become_removable()
    {
        var (b, x, _) = TwoInputs();
        var relu = b.Op("Relu", "relu", [x]);
        var old = new OnnxGraph("old");
        old.AddOutput(old.AddNode("Neg", [relu], name: "inner", outputNames: ["inner_y"]).Outputs[0]);
        var kept = new OnnxGraph("kept");
        kept.AddOutput(kept.AddNode("Identity", [x], name: "inner2", outputNames: ["inner2_y"]).Outputs[0]);
        var ifNode = b.Graph.AddNode("If", [b.Constant("cond", Tensor.Scalar(true))], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", old), NodeAttribute.FromGraph("else_branch", kept)], outputNames: ["if_y"]);
        b.Output(ifNode.Outputs[0], "out");

        // Setting the same graph again changes nothing.
        ifNode.SetAttribute(NodeAttribute.FromGraph("else_branch", kept));
        Assert.Equal(2, x.Uses.Count);

        var fresh = new OnnxGraph("fresh");
        fresh.AddOutput(fresh.AddNode("Identity", [x], name: "inner3", outputNames: ["inner3_y"]).Outputs[0]);
        ifNode.SetAttribute(NodeAttribute.FromGraph("then_branch", fresh));

        Assert.Empty(relu.Uses);
        Assert.Null(old.ParentNode);
        Assert.Same(ifNode, fresh.ParentNode);
        b.Graph.RemoveNode(relu.Producer!);
        AssertUseListsConsistent(b.Graph);
        Assert.DoesNotContain(GraphVerifier.Verify(b.Build()), d => d.IsError);

        Assert.True(ifNode.RemoveAttribute("else_branch"));
        Assert.Single(x.Uses);
        Assert.False(ifNode.RemoveAttribute("else_branch"));
    }

    [Fact]
    public void ReorderNodes_refuses_a_list_that_repeats_a_node()
    {
        var (b, x, _) = TwoInputs();
        var relu = b.Op("Relu", [x]);
        b.Output(b.Op("Neg", [relu]), "out");

        Assert.Throws<IRException>(() => b.Graph.ReorderNodes([relu.Producer!, relu.Producer!]));
        Assert.Equal(2, b.Graph.Nodes.Distinct().Count());
    }

    [Fact]
    public void Renaming_a_value_updates_the_name_table_and_refuses_taken_names()
    {
        var (b, x, y) = TwoInputs();
        var relu = b.Op("Relu", [x]);

        relu.Name = "renamed";

        Assert.Same(relu, b.Graph.FindValue("renamed"));
        Assert.Null(b.Graph.FindValue("Relu_out"));
        Assert.Throws<IRException>(() => relu.Name = y.Name);
        Assert.Equal("renamed", relu.Name);
        Assert.Same(y, b.Graph.FindValue(y.Name));
    }

    [Fact]
    public void A_subgraph_value_cannot_be_renamed_to_an_outer_name()
    {
        var (b, x, y) = TwoInputs();
        var branch = new OnnxGraph("branch");
        var inner = branch.AddNode("Neg", [x], name: "inner", outputNames: ["inner_y"]).Outputs[0];
        branch.AddOutput(inner);
        var otherwise = new OnnxGraph("otherwise");
        otherwise.AddOutput(otherwise.AddNode("Neg", [y], name: "inner2", outputNames: ["inner2_y"]).Outputs[0]);
        b.Graph.AddNode("If", [b.Constant("cond", Tensor.Scalar(true))], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", otherwise)], outputNames: ["if_y"]);

        Assert.Throws<IRException>(() => inner.Name = y.Name);
        Assert.Equal(x, branch.Resolve(x.Name));
    }

    [Fact]
    public void AddNode_with_a_taken_output_name_is_refused_without_registering_any_output()
    {
        var (b, x, y) = TwoInputs();

        Assert.Throws<IRException>(() => b.Graph.AddNode("Split", [x], name: "split", outputNames: ["fresh", y.Name]));

        Assert.Null(b.Graph.FindValue("fresh"));
        Assert.Empty(b.Graph.Nodes);
        Assert.Empty(x.Uses);
        Assert.Throws<IRException>(() => b.Graph.AddNode("Split", [x], name: "split", outputNames: ["same", "same"]));
        Assert.Null(b.Graph.FindValue("same"));
    }

    [Fact]
    public void An_initializer_in_use_cannot_be_removed()
    {
        var (b, x, _) = TwoInputs();
        var w = b.Constant("w", Tensor.Scalar(2f));
        b.Output(b.Op("Mul", [x, w]), "out");

        Assert.Throws<IRException>(() => b.Graph.RemoveInitializer(w));

        Assert.Same(w, b.Graph.FindValue("w"));
    }

    [Fact]
    public void ModelBuilder_gives_every_node_a_distinct_name()
    {
        var (b, x, _) = TwoInputs();
        var v = x;
        for (int i = 0; i < 5; i++)
        {
            v = b.Op("Relu", [v]);
        }

        b.Output(v, "out");

        Assert.Equal(5, b.Graph.Nodes.Select(n => n.Name).Distinct().Count());
        Assert.Empty(GraphVerifier.Verify(b.Build()));
    }

    private static (ModelBuilder Builder, Value X, Value Y) TwoInputs()
    {
        var b = new ModelBuilder();
        return (b, b.Input("x", DataType.Float, 2), b.Input("y", DataType.Float, 2));
    }

    /// <summary>Every input of every node (subgraphs included) is recorded in its value's use list, and nothing else is.</summary>
    private static void AssertUseListsConsistent(OnnxGraph graph)
    {
        var expected = new Dictionary<Value, List<Use>>();
        foreach (var node in graph.AllNodes())
        {
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i] is { } input)
                {
                    if (!expected.TryGetValue(input, out var list))
                    {
                        expected[input] = list = [];
                    }

                    list.Add(new Use(node, i));
                }
            }
        }

        foreach (var value in graph.AllGraphs().SelectMany(g => g.Values))
        {
            var uses = expected.GetValueOrDefault(value) ?? [];
            Assert.Equal(uses.ToHashSet(), value.Uses.ToHashSet());
            Assert.Equal(uses.Count, value.Uses.Count);
        }
    }
}
