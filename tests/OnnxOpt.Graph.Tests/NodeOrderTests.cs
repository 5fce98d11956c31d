using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>
/// The node order is a linked list: enumeration is stable while nodes are removed or inserted (onnx-ir's rules),
/// positional reads follow the latest order, and the tables of node and value names follow every edit.
/// </summary>
public sealed class NodeOrderTests
{
    [Fact]
    public void Removing_the_current_and_the_next_node_while_enumerating_goes_on_with_the_nodes_after_them()
    {
        var (graph, nodes) = Independent(5);
        var visited = new List<string>();

        foreach (var node in graph.Nodes)
        {
            visited.Add(node.Name);
            if (node.Name == "n1")
            {
                graph.RemoveNodes([nodes[1], nodes[2]]);
            }
        }

        Assert.Equal(["n0", "n1", "n3", "n4"], visited);
        Assert.Equal(["n0", "n3", "n4"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Nodes_inserted_after_the_current_one_are_visited_and_nodes_inserted_before_it_are_not()
    {
        var (graph, nodes) = Independent(3);
        var x = graph.Inputs[0];
        var visited = new List<string>();

        foreach (var node in graph.Nodes)
        {
            visited.Add(node.Name);
            if (node.Name == "n1")
            {
                graph.InsertAfter(node, "Relu", [x], name: "after1");
                graph.InsertBefore(node, "Relu", [x], name: "before1");
            }
        }

        Assert.Equal(["n0", "n1", "after1", "n2"], visited);
        Assert.Equal(["n0", "before1", "n1", "after1", "n2"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Indexer_IndexOf_Snapshot_and_Reversed_follow_every_edit()
    {
        var (graph, nodes) = Independent(4);
        var x = graph.Inputs[0];
        Assert.Equal(2, graph.IndexOf(nodes[2]));

        graph.RemoveNode(nodes[1]);
        var first = graph.AddNode("Relu", [x], name: "first", index: 0);
        var middle = graph.AddNode("Relu", [x], name: "middle", index: 2);

        string[] expected = ["first", "n0", "middle", "n2", "n3"];
        Assert.Equal(expected, graph.Nodes.Select(n => n.Name));
        Assert.Equal(expected, Enumerable.Range(0, graph.Nodes.Count).Select(i => graph.Nodes[i].Name));
        Assert.Equal(expected, graph.Nodes.Snapshot().Select(n => n.Name));
        Assert.Equal(expected.Reverse(), graph.Nodes.Reversed().Select(n => n.Name));
        Assert.Equal(0, graph.IndexOf(first));
        Assert.Equal(2, graph.IndexOf(middle));
        Assert.Equal(-1, graph.IndexOf(nodes[1]));
        Assert.Same(first, graph.Nodes.First);
        Assert.Same(nodes[3], graph.Nodes.Last);
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Nodes[5]);
    }

    [Fact]
    public void Reordering_replaces_the_order_and_a_removed_node_can_be_inserted_nowhere()
    {
        var (graph, nodes) = Independent(3);

        graph.ReorderNodes([nodes[2], nodes[0], nodes[1]]);
        Assert.Equal(["n2", "n0", "n1"], graph.Nodes.Select(n => n.Name));
        Assert.Equal(1, graph.IndexOf(nodes[0]));

        graph.RemoveNode(nodes[0]);
        Assert.Throws<IRException>(() => graph.InsertAfter(nodes[0], "Relu", [graph.Inputs[0]]));
        Assert.Equal(["n2", "n1"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Unnamed_nodes_get_names_no_node_has_even_after_renames_and_removals()
    {
        var (graph, nodes) = Independent(2);
        var x = graph.Inputs[0];

        nodes[0].Name = "Relu_2";
        var unnamed = graph.AddNode("Relu", [x]);
        Assert.NotEqual("Relu_2", unnamed.Name);
        Assert.True(graph.IsNodeNameTaken("Relu_2"));
        Assert.False(graph.IsNodeNameTaken("n0"));
        Assert.Equal("n0", graph.UniqueNodeName("n0"));

        graph.RemoveNode(nodes[0]);
        Assert.False(graph.IsNodeNameTaken("Relu_2"));
        Assert.Equal("Relu_2", graph.UniqueNodeName("Relu_2"));
        Assert.NotEqual("n1", graph.UniqueNodeName("n1"));
        Assert.Equal(graph.Nodes.Count, graph.Nodes.Select(n => n.Name).Distinct().Count());
    }

    [Fact]
    public void Renamed_and_removed_values_leave_the_name_table_in_step()
    {
        var (graph, nodes) = Independent(2);
        var value = nodes[0].Output();

        value.Name = "renamed";
        Assert.Same(value, graph.FindValue("renamed"));
        Assert.Null(graph.FindValue("v0"));
        Assert.Throws<IRException>(() => nodes[1].Output().Name = "renamed");

        graph.RemoveNode(nodes[0]);
        Assert.Null(graph.FindValue("renamed"));
        Assert.Equal("renamed", graph.UniqueName("renamed"));
    }

    [Fact]
    public void Every_edit_moves_the_revision_of_the_graph_and_of_its_enclosing_graphs()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2);
        var branch = new OnnxGraph("branch");
        var inner = branch.AddNode("Neg", [x], name: "inner", outputNames: ["inner_y"]);
        branch.AddOutput(inner.Output());
        var other = new OnnxGraph("other");
        other.AddOutput(other.AddNode("Identity", [x], name: "inner2", outputNames: ["inner2_y"]).Output());
        var cond = b.Constant("cond", Tensor.Scalar(false));
        var ifNode = b.Graph.AddNode("If", [cond], name: "if", attributes: [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", other)], outputNames: ["if_y"]);
        b.Output(ifNode.Output(), "out");

        Action[] edits =
        [
            () => inner.OpType = "Relu",
            () => inner.SetAttribute(NodeAttribute.Int("k", 1)),
            () => inner.Output().Shape = Shape.Of(2),
            () => inner.Output().Name = "inner_renamed",
            () => inner.AddInput(x),
            () => branch.InsertBefore(inner, "Relu", [x]),
        ];
        foreach (var edit in edits)
        {
            long outer = b.Graph.Revision;
            long own = branch.Revision;
            edit();
            Assert.True(b.Graph.Revision > outer);
            Assert.True(branch.Revision > own);
        }

        long before = b.Graph.Revision;
        _ = b.Graph.Nodes.Select(n => n.Name).ToList();
        _ = b.Graph.FindValue("x");
        Assert.Equal(before, b.Graph.Revision);
    }

    /// <summary>n0..n(count-1): Relu nodes that each read the input x and that nothing reads.</summary>
    private static (OnnxGraph Graph, Node[] Nodes) Independent(int count)
    {
        var graph = new OnnxGraph();
        var x = graph.AddInput("x", DataType.Float, Shape.Of(2));
        var nodes = Enumerable.Range(0, count).Select(i => graph.AddNode("Relu", [x], name: $"n{i}", outputNames: [$"v{i}"])).ToArray();
        return (graph, nodes);
    }
}
