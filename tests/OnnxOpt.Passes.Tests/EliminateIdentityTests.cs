using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class EliminateIdentityTests
{
    private static readonly long[] Dims = [1, 3, 4, 5];

    [Fact]
    public void Identity_chain_is_removed_and_users_read_the_input()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var r = net.Op("Relu", [x], Dims);
        var i2 = net.Op("Identity", [net.Op("Identity", [r], Dims)], Dims);
        net.Output(net.Op("Sigmoid", [i2], Dims), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Equal(0, Net.Count(net.Model, "Identity"));
        Assert.Same(r, net.Graph.Nodes.Single(n => n.OpType == "Sigmoid").Input(0));
        Assert.Equal(2, report.Runs[0].Statistics.Get("identity-removed"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Graph_output_name_moves_to_the_producer_when_it_has_no_other_user()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var r = net.Op("Relu", [x], Dims);
        net.Output(net.Op("Identity", [r], Dims), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Equal(0, Net.Count(net.Model, "Identity"));
        Assert.Equal("y", r.Name);
        Assert.Same(r, net.Graph.Outputs.Single());
        Assert.Equal(Shape.Of(Dims), r.Shape);
        Assert.Equal(1, report.Runs[0].Statistics.Get("outputs-renamed"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Graph_output_identity_is_kept_when_its_input_has_other_users()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var r = net.Op("Relu", [x], Dims);
        var id = net.Op("Identity", [r], Dims);
        net.Output(id, "y");
        net.Output(net.Op("Sigmoid", [r], Dims), "z");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        Assert.Contains("other users", Net.WhyNot(new EliminateIdentity().CreatePatterns(net.Model, new PassContext()), id.Producer!));
    }

    [Fact]
    public void Identity_between_graph_input_and_graph_output_is_kept()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        net.Output(net.Op("Identity", [x], Dims), "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        Assert.Equal(["x"], net.Graph.Inputs.Select(v => v.Name));
        Assert.Equal(["y"], net.Graph.Outputs.Select(v => v.Name));
    }

    [Fact]
    public void Identity_between_two_graph_outputs_is_kept()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var r = net.Op("Relu", [x], Dims);
        net.Output(r, "a");
        net.Output(net.Op("Identity", [r], Dims), "b");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        Assert.Equal(["a", "b"], net.Graph.Outputs.Select(v => v.Name));
    }

    [Fact]
    public void Identity_of_an_initializer_is_bypassed_for_node_users_but_kept_as_graph_output()
    {
        var net = new Net();
        var x = net.Input("x", 1, 3);
        var c = net.Const("c", [1, 2, 3], 1, 3);
        net.Output(net.Op("Add", [x, net.Op("Identity", [c], [1, 3])], [1, 3]), "y");
        net.Output(net.Op("Identity", [c], [1, 3]), "z");

        PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Same(c, net.Graph.Nodes.Single(n => n.OpType == "Add").Input(1));
        Assert.Equal(1, Net.Count(net.Model, "Identity"));
        Assert.Equal(["y", "z"], net.Graph.Outputs.Select(v => v.Name));
    }

    [Theory]
    [InlineData(17, "", true)]
    [InlineData(17, "ratio", true)]
    [InlineData(17, "false", true)]
    [InlineData(17, "true", false)]
    [InlineData(17, "fed", false)]
    [InlineData(10, "", true)]
    [InlineData(6, "", false)]
    [InlineData(6, "is_test", true)]
    public void Dropout_is_removed_only_in_inference_mode(long opset, string variant, bool removed)
    {
        var net = new Net(opset);
        var x = net.Input("x", Dims);
        Value?[] inputs = variant switch
        {
            "ratio" => [x, net.Builder.Constant("ratio", Tensor.Scalar(0.3f))],
            "false" => [x, null, net.Builder.Constant("training", Tensor.Scalar(false))],
            "true" => [x, null, net.Builder.Constant("training", Tensor.Scalar(true))],
            "fed" => [x, null, net.Builder.Input("training", DataType.Bool)],
            _ => [x],
        };
        NodeAttribute[] attributes = variant == "is_test" ? [NodeAttribute.Int("is_test", 1)] : [];
        var dropout = net.Node("Dropout", inputs, 1, attributes);
        net.Output(net.Op("Relu", [dropout.Output(0)], Dims), "y");

        Assert.Equal(removed, PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        Assert.Equal(removed ? 0 : 1, Net.Count(net.Model, "Dropout"));
    }

    [Fact]
    public void Dropout_with_unused_mask_is_removed_and_with_used_mask_kept()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var unusedMask = net.Node("Dropout", [x], 2);
        var usedMask = net.Node("Dropout", [unusedMask.Output(0)], 2);
        net.Output(usedMask.Output(0), "y");
        net.Builder.Output(usedMask.Output(1), "mask", DataType.Bool);

        PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Null(unusedMask.Graph);
        Assert.NotNull(usedMask.Graph);
        Assert.Same(x, usedMask.Input(0));
    }

    [Fact]
    public void Cast_is_removed_only_to_the_known_input_type()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var same = net.Op("Cast", [x], Dims, NodeAttribute.Int("to", (long)DataType.Float));
        var toInt = net.Builder.Op("Cast", "to_int", [same], NodeAttribute.Int("to", (long)DataType.Int64));
        var untyped = net.Op("Relu", [x]);
        var unknown = net.Op("Cast", [untyped], null, NodeAttribute.Int("to", (long)DataType.Float));
        net.Builder.Output(toInt, "a", DataType.Int64);
        net.Output(unknown, "b");

        PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Null(same.Producer);
        Assert.Same(x, toInt.Producer!.Input(0));
        Assert.NotNull(unknown.Producer);
        Assert.Contains("unknown", Net.WhyNot(new EliminateIdentity().CreatePatterns(net.Model, new PassContext()), unknown.Producer!));
    }

    [Theory]
    [InlineData(new long[] { 1, 3, 4, 5 }, 0, true)]
    [InlineData(new long[] { 0, 0, 0, 0 }, 0, true)]
    [InlineData(new long[] { 1, 3, -1, 5 }, 0, true)]
    [InlineData(new long[] { 0, 3, 4, -1 }, 0, true)]
    [InlineData(new long[] { 1, 3, 20 }, 0, false)]
    [InlineData(new long[] { 1, 3, 5, 4 }, 0, false)]
    [InlineData(new long[] { 0, 0, 0, 0 }, 1, false)]
    [InlineData(new long[] { 1, -1, -1, 5 }, 0, false)]
    public void Reshape_is_removed_only_when_it_provably_keeps_the_shape(long[] target, long allowZero, bool removed)
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var reshaped = net.Op("Reshape", [x, net.Ints("shape", target)], null, NodeAttribute.Int("allowzero", allowZero));
        net.Output(net.Op("Relu", [reshaped]), "y");

        Assert.Equal(removed, PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
    }

    [Fact]
    public void Reshape_with_symbolic_dims_is_removed_by_copying_but_not_by_inferring()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Float, new Shape([Dim.Symbol("n"), 3, Dim.Symbol("h"), 5]));
        var copied = net.Op("Reshape", [x, net.Ints("copy", 0, 3, 0, 5)]);
        var inferred = net.Op("Reshape", [copied, net.Ints("infer", 0, 3, -1, 5)]);
        var fed = net.Op("Reshape", [inferred, net.Builder.Input("shape", DataType.Int64, 4)]);
        net.Output(fed, "y");

        PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Null(copied.Producer);
        Assert.Same(x, inferred.Producer!.Input(0));
        var patterns = new EliminateIdentity().CreatePatterns(net.Model, new PassContext());
        Assert.Contains("not a known non-zero size", Net.WhyNot(patterns, inferred.Producer!));
        Assert.Contains("not a constant", Net.WhyNot(patterns, fed.Producer!));
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 2, 3 }, 4, true)]
    [InlineData(new long[] { 0, 2, 1, 3 }, 4, false)]
    [InlineData(null, 1, true)]
    [InlineData(null, 4, false)]
    public void Transpose_is_removed_only_with_the_identity_permutation(long[]? perm, int rank, bool removed)
    {
        var net = new Net();
        var x = net.Input("x", Dims[..rank]);
        NodeAttribute[] attributes = perm is null ? [] : [NodeAttribute.Ints("perm", perm)];
        net.Output(net.Op("Relu", [net.Op("Transpose", [x], null, attributes)]), "y");

        Assert.Equal(removed, PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
    }

    [Theory]
    [InlineData(new long[] { 1 }, true)]
    [InlineData(new long[] { 1, 3, 4, 5 }, true)]
    [InlineData(new long[] { 3, 1, 5 }, true)]
    [InlineData(new long[] { 2, 3, 4, 5 }, false)]
    [InlineData(new long[] { 1, 1, 3, 4, 5 }, false)]
    [InlineData(new long[] { 3, 4, 7 }, false)]
    public void Expand_is_removed_only_when_it_cannot_broadcast(long[] shape, bool removed)
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var expanded = net.Op("Expand", [x, net.Ints("shape", shape)]);
        net.Output(net.Op("Relu", [expanded]), "y");
        var original = Equivalence.Clone(net.Model);

        Assert.Equal(removed, PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        if (removed)
        {
            Equivalence.AssertSameOutputs(original, net.Model);
        }
    }

    [Fact]
    public void Expand_to_a_symbolic_dim_is_kept()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Float, new Shape([1, Dim.Symbol("c")]));
        net.Output(net.Op("Relu", [net.Op("Expand", [x, net.Ints("shape", 1, 3)])]), "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
    }

    [Theory]
    [InlineData(17, 0L, true)]
    [InlineData(17, 1L, false)]
    [InlineData(17, -1L, false)]
    [InlineData(10, 0L, true)]
    [InlineData(10, 2L, false)]
    public void Pad_is_removed_only_with_all_zero_pads(long opset, long pad, bool removed)
    {
        var net = new Net(opset);
        var x = net.Input("x", Dims);
        long[] pads = [0, 0, pad, 0, 0, 0, pad, 0];
        var padded = opset >= 11
            ? net.Op("Pad", [x, net.Ints("pads", pads)])
            : net.Op("Pad", [x], null, NodeAttribute.Ints("pads", pads));
        net.Output(net.Op("Relu", [padded]), "y");

        Assert.Equal(removed, PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
    }

    [Theory]
    [InlineData(0, long.MaxValue, 2, 1, true)]
    [InlineData(0, 4, 2, 1, true)]
    [InlineData(-4, 100, -2, 1, true)]
    [InlineData(0, 3, 2, 1, false)]
    [InlineData(1, 4, 2, 1, false)]
    [InlineData(0, 4, 2, 2, false)]
    [InlineData(-3, 4, 2, 1, false)]
    [InlineData(0, -1, 3, 1, false)]
    public void Slice_is_removed_only_when_it_covers_the_whole_axis(long start, long end, long axis, long step, bool removed)
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var sliced = net.Op("Slice", [x, net.Ints("starts", start), net.Ints("ends", end), net.Ints("axes", axis), net.Ints("steps", step)]);
        net.Output(net.Op("Relu", [sliced]), "y");
        var original = Equivalence.Clone(net.Model);

        Assert.Equal(removed, PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Slice_of_a_symbolic_axis_is_removed_only_up_to_int64_max()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Float, new Shape([1, Dim.Symbol("n")]));
        var toMax = net.Op("Slice", [x, net.Ints("s0", 0), net.Ints("e0", long.MaxValue), net.Ints("a0", 1)]);
        var toBig = net.Op("Slice", [toMax, net.Ints("s1", 0), net.Ints("e1", 1 << 30), net.Ints("a1", 1)]);
        net.Output(toBig, "y");

        PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Null(toMax.Producer);
        Assert.NotNull(toBig.Producer);
    }

    [Fact]
    public void Single_input_concat_and_single_output_split_are_removed()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var concat = net.Op("Concat", [x], Dims, NodeAttribute.Int("axis", 1));
        var split = net.Op("Split", [concat, net.Ints("split", 3)], Dims, NodeAttribute.Int("axis", 1));
        var plain = net.Op("Split", [split], Dims, NodeAttribute.Int("axis", 0));
        var pair = net.Op("Concat", [plain, plain], [2, 3, 4, 5], NodeAttribute.Int("axis", 0));
        net.Output(pair, "y");
        var original = Equivalence.Clone(net.Model);

        PipelineRunner.Run(net.Model, "eliminate-identity");

        Assert.Equal(0, Net.Count(net.Model, "Split"));
        Assert.Equal(1, Net.Count(net.Model, "Concat"));
        Assert.Same(x, pair.Producer!.Input(0));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Split_with_sizes_not_matching_a_known_dim_or_with_two_outputs_is_kept()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Float, new Shape([1, Dim.Symbol("c")]));
        var one = net.Op("Split", [x, net.Ints("split", 3)], null, NodeAttribute.Int("axis", 1));
        var two = net.Node("Split", [one], 2, NodeAttribute.Int("axis", 0));
        net.Output(two.Output(0), "a");
        net.Output(two.Output(1), "b");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
    }

    [Fact]
    public void Identity_whose_output_a_subgraph_returns_directly_is_kept()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var cond = net.Builder.Input("cond", DataType.Bool);
        var relu = net.Op("Relu", [x], Dims);
        var id = net.Op("Identity", [relu], Dims);
        var thenBranch = new Graph.IR.OnnxGraph("then");
        thenBranch.AddOutput(id);
        var elseBranch = new Graph.IR.OnnxGraph("else");
        elseBranch.AddOutput(relu);
        var branch = net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch));
        net.Output(branch.Output(0), "y");

        var report = PipelineRunner.Run(net.Model, "eliminate-identity,eliminate-dead-nodes");

        Assert.False(report.Changed);
        Assert.Contains("returned by a subgraph", Net.WhyNot(new EliminateIdentity().CreatePatterns(net.Model, new PassContext()), id.Producer!));
    }

    [Fact]
    public void Identity_inside_a_subgraph_is_removed()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var cond = net.Builder.Input("cond", DataType.Bool);
        var body = new Graph.IR.OnnxGraph("then");
        var inner = body.AddNode("Identity", [x], name: "inner_identity", outputNames: ["inner"]);
        var relu = body.AddNode("Relu", [inner.Output(0)], name: "inner_relu", outputNames: ["inner_relu_out"]);
        body.AddOutput(relu.Output(0));
        var elseBranch = new Graph.IR.OnnxGraph("else");
        var neg = elseBranch.AddNode("Neg", [x], name: "else_neg", outputNames: ["else_out"]);
        elseBranch.AddOutput(neg.Output(0));
        var branch = net.Node("If", [cond], 1, NodeAttribute.FromGraph("then_branch", body), NodeAttribute.FromGraph("else_branch", elseBranch));
        net.Output(branch.Output(0), "y");

        Assert.True(PipelineRunner.Run(net.Model, "eliminate-identity").Changed);
        Assert.Single(body.Nodes);
        Assert.Same(x, relu.Input(0));
    }
}
