using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Split sizes between attribute (before 13) and input, and num_outputs (18) against equal splits.</summary>
public sealed class SplitConversionTests
{
    [Theory]
    [InlineData(11, 13)]
    [InlineData(11, 18)]
    [InlineData(17, 11)]
    [InlineData(22, 12)]
    public void Sizes_move_between_attribute_and_input(int source, int target)
    {
        var b = new ModelBuilder(source);
        var x = OpsetModels.Floats(b, "x", 2, 6);
        var split = OpsetModels.Split(b, x, 1, [2, 4]);
        OpsetModels.Output(b, split.Outputs[0], "a", 2, 2);
        OpsetModels.Output(b, split.Outputs[1], "b", 2, 4);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var node = Assert.Single(OpsetAssert.Ops(converted, "Split"));
        if (target >= 13)
        {
            Assert.Equal([2L, 4L], node.Input(1)!.ConstValue!.ToInt64Array());
            Assert.False(node.HasAttribute("split"));
        }
        else
        {
            Assert.Equal([2L, 4L], node.GetInts("split"));
        }

        Assert.False(node.HasAttribute("num_outputs"));
    }

    [Fact]
    public void Equal_split_gets_num_outputs_from_opset_18_and_loses_it_below()
    {
        var b = new ModelBuilder(11);
        var x = OpsetModels.Floats(b, "x", 2, 6);
        var split = b.Node("Split", [x], 3, attributes: [NodeAttribute.Int("axis", 1)]);
        for (int i = 0; i < 3; i++)
        {
            OpsetModels.Output(b, split.Outputs[i], $"y{i}", 2, 2);
        }

        var converted = OpsetAssert.RoundTrip(b.Build(), 18);

        Assert.Equal(3, Assert.Single(OpsetAssert.Ops(converted, "Split")).GetInt("num_outputs", 0));
        var back = OpsetAssert.Converted(converted, 13);
        Assert.False(Assert.Single(OpsetAssert.Ops(back, "Split")).HasAttribute("num_outputs"));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(11)]
    public void Uneven_num_outputs_split_becomes_explicit_sizes(int target)
    {
        var b = new ModelBuilder(18);
        var x = OpsetModels.Floats(b, "x", 2, 7);
        var split = b.Node("Split", [x], 3, attributes: [NodeAttribute.Int("axis", -1), NodeAttribute.Int("num_outputs", 3)]);
        OpsetModels.Output(b, split.Outputs[0], "y0", 2, 3);
        OpsetModels.Output(b, split.Outputs[1], "y1", 2, 3);
        OpsetModels.Output(b, split.Outputs[2], "y2", 2, 1);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var node = Assert.Single(OpsetAssert.Ops(converted, "Split"));
        var sizes = target >= 13 ? node.Input(1)!.ConstValue!.ToInt64Array() : node.GetInts("split")!.ToArray();
        Assert.Equal([3L, 3L, 1L], sizes);
    }

    [Fact]
    public void Num_outputs_split_of_an_axis_of_unknown_size_is_refused()
    {
        var b = new ModelBuilder(18);
        var x = b.Input("x", DataType.Float, new Shape([Dim.Of(2), Dim.Symbol("n")]));
        var split = b.Node("Split", [x], 2, "halves", [NodeAttribute.Int("axis", 1), NodeAttribute.Int("num_outputs", 2)]);
        b.Output(split.Outputs[0], "a", DataType.Float);
        b.Output(split.Outputs[1], "b", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 17));

        Assert.StartsWith("node 'halves' (Split): it splits into num_outputs=2 chunks along an axis of unknown size", problem);
    }

    [Fact]
    public void Sizes_from_a_non_constant_input_are_refused_below_13()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 6);
        var sizes = b.Input("sizes", DataType.Int64, 2);
        var split = b.Node("Split", [x, sizes], 2, "dynamic_split", [NodeAttribute.Int("axis", 1)]);
        b.Output(split.Outputs[0], "a", DataType.Float);
        b.Output(split.Outputs[1], "b", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 12));

        Assert.Contains("node 'dynamic_split' (Split): its split sizes come from 'sizes', which is not a constant", problem);
    }
}
