using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Softmax, LogSoftmax and Hardmax across opset 13, where the axis stopped meaning "flatten to 2-D here".</summary>
public sealed class SoftmaxConversionTests
{
    [Theory]
    [InlineData("Softmax")]
    [InlineData("LogSoftmax")]
    [InlineData("Hardmax")]
    public void Old_axis_that_is_not_last_becomes_flatten_and_reshape(string op)
    {
        var b = new ModelBuilder(11);
        var x = OpsetModels.Floats(b, "x", 2, 3, 4);
        OpsetModels.Output(b, b.Op(op, [x], NodeAttribute.Int("axis", 1)), "y", 2, 3, 4);

        var converted = OpsetAssert.RoundTrip(b.Build(), 13);

        var node = Assert.Single(OpsetAssert.Ops(converted, op));
        Assert.Equal(-1, node.GetInt("axis", 0));
        Assert.Equal("Flatten", node.Input(0)!.Producer!.OpType);
        Assert.Equal("Reshape", converted.Graph.Outputs[0].Producer!.OpType);
        Assert.Equal("y", converted.Graph.Outputs[0].Name);
    }

    [Fact]
    public void Old_default_axis_of_a_matrix_is_the_last_axis()
    {
        var b = new ModelBuilder(12);
        var x = OpsetModels.Floats(b, "x", 3, 5);
        OpsetModels.Output(b, b.Op("LogSoftmax", [x]), "y", 3, 5);

        var converted = OpsetAssert.RoundTrip(b.Build(), 17);

        Assert.Equal(-1, Assert.Single(converted.Graph.Nodes).GetInt("axis", 0));
    }

    [Theory]
    [InlineData("Softmax", 1, 11)]
    [InlineData("Softmax", -3, 12)]
    [InlineData("LogSoftmax", 0, 11)]
    [InlineData("Hardmax", 2, 12)]
    public void New_axis_that_is_not_last_is_transposed_to_the_end(string op, long axis, int target)
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3, 4, 5);
        OpsetModels.Output(b, b.Op(op, [x], NodeAttribute.Int("axis", axis)), "y", 2, 3, 4, 5);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var node = Assert.Single(OpsetAssert.Ops(converted, op));
        Assert.Equal(-1, node.GetInt("axis", 0));
        Assert.Equal("Transpose", node.Input(0)!.Producer!.OpType);
        Assert.Equal("Transpose", converted.Graph.Outputs[0].Producer!.OpType);
    }

    [Fact]
    public void New_default_axis_is_spelled_out_below_13()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3, 4);
        OpsetModels.Output(b, b.Op("Softmax", [x]), "y", 2, 3, 4);

        var converted = OpsetAssert.RoundTrip(b.Build(), 11);

        Assert.Single(converted.Graph.Nodes);
        Assert.Equal(-1, converted.Graph.Nodes[0].GetInt("axis", 0));
    }

    [Fact]
    public void Axis_of_an_input_of_unknown_rank_is_refused()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, (Shape?)null);
        b.Output(b.Op("Softmax", "scores", [x], NodeAttribute.Int("axis", 1)), "y", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 12));

        Assert.Equal("node 'scores' (Softmax): axis 1 may not be the last axis (the input's rank is unknown), and before opset 13 Softmax normalizes over every axis from `axis` on", problem);
    }
}
