using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Operators whose attributes became inputs before opset 11 (Clip, Pad, Slice, TopK), and Pad's axes input (18).</summary>
public sealed class AttributesToInputsTests
{
    [Theory]
    [InlineData(true, true, 11)]
    [InlineData(false, true, 13)]
    [InlineData(true, false, 22)]
    public void Clip_min_and_max_become_scalar_inputs(bool min, bool max, int target)
    {
        var b = new ModelBuilder(9);
        var x = OpsetModels.Floats(b, "x", 2, 5);
        var attributes = new List<NodeAttribute>();
        if (min)
        {
            attributes.Add(NodeAttribute.Float("min", 0.25f));
        }

        if (max)
        {
            attributes.Add(NodeAttribute.Float("max", 0.75f));
        }

        OpsetModels.Output(b, b.Op("Clip", [x], [.. attributes]), "y", 2, 5);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, target);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(model, converted);

        var clip = Assert.Single(OpsetAssert.Ops(converted, "Clip"));
        Assert.Empty(clip.Attributes);
        Assert.Equal(min, clip.Input(1) is not null);
        Assert.Equal(max, clip.Input(2) is not null);
        Assert.All(clip.Inputs.Skip(1).OfType<Value>(), v => Assert.Equal(DataType.Float, v.ConstValue!.DataType));
    }

    [Fact]
    public void Clip_attributes_of_unknown_element_type_are_refused()
    {
        var b = new ModelBuilder(10);
        b.Model.OpsetImports.Add(new OpsetImport("custom", 1));
        var x = OpsetModels.Floats(b, "x", 2);
        var opaque = b.Node("Opaque", [x], domain: "custom").Outputs[0];
        b.Output(b.Op("Clip", "clamp", [opaque], NodeAttribute.Float("max", 1f)), "y", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 11));

        Assert.Equal("node 'clamp' (Clip): its min/max attributes must become inputs of the data's element type, which is unknown", problem);
    }

    [Theory]
    [InlineData("constant", 11)]
    [InlineData("reflect", 18)]
    [InlineData("edge", 22)]
    public void Pad_attributes_become_inputs(string mode, int target)
    {
        var b = new ModelBuilder(10);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var y = b.Op("Pad", [x], NodeAttribute.String("mode", mode), NodeAttribute.Ints("pads", 0, 0, 1, 2, 0, 0, 2, 1), NodeAttribute.Float("value", 1.5f));
        OpsetModels.Output(b, y, "y", 1, 2, 6, 7);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, target);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(model, converted);

        var pad = Assert.Single(OpsetAssert.Ops(converted, "Pad"));
        Assert.Equal([0L, 0, 1, 2, 0, 0, 2, 1], pad.Input(1)!.ConstValue!.ToInt64Array());
        Assert.Equal(mode == "constant", pad.Input(2) is not null);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(11)]
    public void Pad_axes_are_folded_into_full_pads_below_18(int target)
    {
        var b = new ModelBuilder(18);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var pads = b.Constant("pads", new long[] { 1, 2, 3, 0 }, 4);
        var axes = b.Constant("axes", new long[] { -1, 2 }, 2);
        OpsetModels.Output(b, b.Op("Pad", [x, pads, null, axes]), "y", 1, 2, 3, 9);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var pad = Assert.Single(OpsetAssert.Ops(converted, "Pad"));
        Assert.Equal(2, pad.Inputs.Count);
        Assert.Equal([0L, 0, 2, 1, 0, 0, 0, 3], pad.Input(1)!.ConstValue!.ToInt64Array());
    }

    [Fact]
    public void Pad_wrap_mode_is_refused_below_19()
    {
        var b = new ModelBuilder(19);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var pads = b.Constant("pads", new long[] { 0, 1, 0, 1 }, 4);
        b.Output(b.Op("Pad", "wrap_pad", [x, pads], NodeAttribute.String("mode", "wrap")), "y", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 18));

        Assert.Equal("node 'wrap_pad' (Pad): attribute mode=\"wrap\" wraps around, which does not exist before opset 19", problem);
    }

    [Fact]
    public void Slice_attributes_become_inputs()
    {
        var b = new ModelBuilder(9);
        var x = OpsetModels.Floats(b, "x", 3, 8);
        var y = b.Op("Slice", [x], NodeAttribute.Ints("starts", 1, -6), NodeAttribute.Ints("ends", 1000, 7), NodeAttribute.Ints("axes", 0, 1));
        OpsetModels.Output(b, y, "y", 2, 5);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, 11);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(model, converted);

        var slice = Assert.Single(OpsetAssert.Ops(converted, "Slice"));
        Assert.Empty(slice.Attributes);
        Assert.Equal(4, slice.Inputs.Count);
    }

    [Fact]
    public void TopK_k_becomes_an_input()
    {
        var b = new ModelBuilder(9);
        var x = OpsetModels.Floats(b, "x", 2, 6);
        var topk = b.Node("TopK", [x], 2, attributes: [NodeAttribute.Int("k", 3)]);
        OpsetModels.Output(b, topk.Outputs[0], "values", 2, 3);
        b.Output(topk.Outputs[1], "indices", DataType.Int64, 2, 3);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, 13);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(model, converted);

        Assert.Equal([3L], Assert.Single(OpsetAssert.Ops(converted, "TopK")).Input(1)!.ConstValue!.ToInt64Array());
    }
}
