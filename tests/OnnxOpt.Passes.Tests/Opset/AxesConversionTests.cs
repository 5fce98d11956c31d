using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Squeeze, Unsqueeze and Reduce* axes between attribute (before 13, or 18 for most reductions) and input.</summary>
public sealed class AxesConversionTests
{
    private static Model SqueezeModel(int opset)
    {
        var b = new ModelBuilder(opset);
        var x = OpsetModels.Floats(b, "x", 2, 3, 4);
        var unsqueezed = OpsetModels.Axes(b, "Unsqueeze", x, [0, 3]);
        var relu = b.Op("Relu", [unsqueezed]);
        OpsetModels.Output(b, OpsetModels.Axes(b, "Squeeze", relu, [0]), "y", 2, 3, 1, 4);
        return b.Build();
    }

    [Theory]
    [InlineData(11, 13)]
    [InlineData(11, 22)]
    [InlineData(13, 11)]
    [InlineData(22, 12)]
    public void Squeeze_and_unsqueeze_axes_move_between_attribute_and_input(int source, int target)
    {
        var converted = OpsetAssert.RoundTrip(SqueezeModel(source), target);

        foreach (var node in OpsetAssert.Ops(converted, "Squeeze").Concat(OpsetAssert.Ops(converted, "Unsqueeze")))
        {
            if (target >= 13)
            {
                Assert.False(node.HasAttribute("axes"));
                Assert.Equal(DataType.Int64, node.Input(1)!.ConstValue!.DataType);
            }
            else
            {
                Assert.NotNull(node.GetInts("axes"));
                Assert.Single(node.Inputs);
            }
        }
    }

    [Theory]
    [InlineData("ReduceSum", 11, 13)]
    [InlineData("ReduceSum", 17, 12)]
    [InlineData("ReduceMean", 17, 18)]
    [InlineData("ReduceMean", 18, 13)]
    [InlineData("ReduceMax", 22, 11)]
    [InlineData("ReduceL2", 11, 20)]
    public void Reduce_axes_move_at_their_opset(string op, int source, int target)
    {
        var b = new ModelBuilder(source);
        var x = OpsetModels.Floats(b, "x", 2, 3, 4);
        OpsetModels.Output(b, OpsetModels.Axes(b, op, x, [-1, 1], NodeAttribute.Int("keepdims", 0)), "y", 2);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var reduce = Assert.Single(OpsetAssert.Ops(converted, op));
        int boundary = op == "ReduceSum" ? 13 : 18;
        Assert.Equal(target >= boundary, reduce.Input(1) is not null);
        Assert.Equal(target < boundary, reduce.HasAttribute("axes"));
    }

    [Fact]
    public void Reduction_over_all_axes_keeps_no_axes()
    {
        var b = new ModelBuilder(18);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        OpsetModels.Output(b, b.Op("ReduceMean", [x]), "y", 1, 1);

        var converted = OpsetAssert.RoundTrip(b.Build(), 11);

        var reduce = Assert.Single(OpsetAssert.Ops(converted, "ReduceMean"));
        Assert.False(reduce.HasAttribute("axes"));
        Assert.Single(reduce.Inputs);
    }

    [Fact]
    public void Reduction_that_is_a_no_op_becomes_identity_below_its_axes_input()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        OpsetModels.Output(b, b.Op("ReduceSum", [x], NodeAttribute.Int("noop_with_empty_axes", 1)), "y", 2, 3);

        var converted = OpsetAssert.Converted(b.Build(), 11);

        Assert.Empty(OpsetAssert.Ops(converted, "ReduceSum"));
        var identity = Assert.Single(OpsetAssert.Ops(converted, "Identity"));
        Assert.Empty(identity.Attributes);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(b.Build(), converted);
    }

    [Fact]
    public void Axes_from_a_non_constant_input_are_refused_with_the_node_name()
    {
        var b = new ModelBuilder(18);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var axes = b.Input("axes", DataType.Int64, 1);
        b.Output(b.Op("ReduceMean", "mean_dynamic", [x, axes]), "y", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 17));

        Assert.Equal("node 'mean_dynamic' (ReduceMean): its axes come from 'axes', which is not a constant, and ReduceMean takes axes as an attribute before opset 18", problem);
    }

    [Fact]
    public void A_constant_node_counts_as_constant_axes_and_is_removed_when_unused()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var axes = b.Op("Constant", [], NodeAttribute.FromTensor("value", Tensor.Create(new long[] { 0 }, 1)));
        OpsetModels.Output(b, b.Op("Unsqueeze", [x, axes]), "y", 1, 2, 3);

        var converted = OpsetAssert.RoundTrip(b.Build(), 11);

        Assert.Empty(OpsetAssert.Ops(converted, "Constant"));
        Assert.Equal([0L], Assert.Single(OpsetAssert.Ops(converted, "Unsqueeze")).GetInts("axes"));
    }
}
