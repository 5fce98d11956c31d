using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class CommonSubexpressionEliminationTests
{
    [Fact]
    public void Duplicated_chain_collapses_in_one_run()
    {
        var net = new Net();
        var x = net.Input("x", 2, 3);
        var a = net.Op("Sigmoid", [net.Op("Relu", [x])]);
        var b = net.Op("Sigmoid", [net.Op("Relu", [x])]);
        net.Output(net.Op("Sub", [a, b]), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "cse");

        Assert.Equal(3, net.Graph.Nodes.Count);
        Assert.Equal([a, a], net.Graph.Nodes.Single(n => n.OpType == "Sub").Inputs);
        Assert.Equal(2, report.Runs[0].Statistics.Get("nodes-merged"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Attributes_compare_deeply_and_in_any_order()
    {
        var net = new Net();
        var x = net.Input("x", 1, 1, 4, 4);
        var first = net.Op("MaxPool", [x], null, NodeAttribute.Ints("kernel_shape", 2, 2), NodeAttribute.Ints("strides", 2, 2));
        var sameReordered = net.Op("MaxPool", [x], null, NodeAttribute.Ints("strides", 2, 2), NodeAttribute.Ints("kernel_shape", 2, 2));
        var otherStrides = net.Op("MaxPool", [x], null, NodeAttribute.Ints("kernel_shape", 2, 2), NodeAttribute.Ints("strides", 1, 1));
        var alpha1 = net.Op("LeakyRelu", [x], null, NodeAttribute.Float("alpha", 0.1f));
        var alpha2 = net.Op("LeakyRelu", [x], null, NodeAttribute.Float("alpha", 0.2f));
        var zero = net.Op("LeakyRelu", [x], null, NodeAttribute.Float("alpha", 0f));
        var negativeZero = net.Op("LeakyRelu", [x], null, NodeAttribute.Float("alpha", -0f));
        foreach (var (value, i) in new[] { first, sameReordered, otherStrides, alpha1, alpha2, zero, negativeZero }.Select((v, i) => (v, i)))
        {
            net.Output(net.Op("Relu", [value]), $"y{i}");
        }

        PipelineRunner.Run(net.Model, "cse");

        Assert.Null(sameReordered.Producer);
        Assert.All(new[] { first, otherStrides, alpha1, alpha2, zero, negativeZero }, v => Assert.NotNull(v.Producer));
    }

    [Fact]
    public void Constant_nodes_merge_when_their_tensors_are_equal()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var c1 = net.Op("Constant", [], null, NodeAttribute.FromTensor("value", Tensor.Create([1f, 2, 3], 3)));
        var c2 = net.Op("Constant", [], null, NodeAttribute.FromTensor("value", Tensor.Create([1f, 2, 3], 3)));
        var c3 = net.Op("Constant", [], null, NodeAttribute.FromTensor("value", Tensor.Create([1f, 2, 4], 3)));
        net.Output(net.Op("Add", [net.Op("Add", [net.Op("Add", [x, c1]), c2]), c3]), "y");
        var original = Equivalence.Clone(net.Model);

        PipelineRunner.Run(net.Model, "cse");

        Assert.Null(c2.Producer);
        Assert.NotNull(c3.Producer);
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Commutative_ops_match_with_swapped_inputs_and_others_do_not()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var z = net.Input("z", 3);
        var add1 = net.Op("Add", [x, z]);
        var add2 = net.Op("Add", [z, x]);
        var sub1 = net.Op("Sub", [x, z]);
        var sub2 = net.Op("Sub", [z, x]);
        net.Output(net.Op("Mul", [net.Op("Mul", [add1, add2]), net.Op("Mul", [sub1, sub2])]), "y");
        var original = Equivalence.Clone(net.Model);

        PipelineRunner.Run(net.Model, "cse");

        Assert.Null(add2.Producer);
        Assert.NotNull(sub2.Producer);
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Random_ops_and_nodes_with_subgraphs_are_never_merged()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var r1 = net.Op("RandomUniformLike", [x]);
        var r2 = net.Op("RandomUniformLike", [x]);
        var cond = net.Builder.Input("cond", DataType.Bool);
        Value If()
        {
            var thenBranch = new Graph.IR.OnnxGraph("then");
            thenBranch.AddOutput(x);
            var elseBranch = new Graph.IR.OnnxGraph("else");
            elseBranch.AddOutput(x);
            return net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch)).Output(0);
        }

        var if1 = If();
        var if2 = If();
        net.Output(net.Op("Add", [r1, r2]), "y");
        net.Output(net.Op("Add", [if1, if2]), "z");

        Assert.False(PipelineRunner.Run(net.Model, "cse").Changed);
    }

    [Fact]
    public void A_duplicate_that_is_a_graph_output_is_kept_but_a_graph_output_original_absorbs_duplicates()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var first = net.Op("Relu", [x]);
        var second = net.Op("Relu", [x]);
        net.Output(first, "a");
        net.Output(second, "b");
        var third = net.Op("Sigmoid", [x]);
        var fourth = net.Op("Sigmoid", [x]);
        net.Output(third, "c");
        net.Output(net.Op("Neg", [fourth]), "d");

        PipelineRunner.Run(net.Model, "cse");

        Assert.NotNull(second.Producer);
        Assert.Null(fourth.Producer);
        Assert.Equal(["a", "b", "c", "d"], net.Graph.Outputs.Select(v => v.Name));
    }

    [Fact]
    public void Same_op_on_different_inputs_is_kept()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var z = net.Input("z", 3);
        net.Output(net.Op("Add", [net.Op("Relu", [x]), net.Op("Relu", [z])]), "y");

        Assert.False(PipelineRunner.Run(net.Model, "cse").Changed);
    }
}
