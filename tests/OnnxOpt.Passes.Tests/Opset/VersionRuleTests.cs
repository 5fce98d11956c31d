using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Attributes added at a version, element types added at a version, and the operators that just get a new number.</summary>
public sealed class VersionRuleTests
{
    [Fact]
    public void Unchanged_vision_operators_only_get_the_new_opset()
    {
        var b = new ModelBuilder(20);
        var x = OpsetModels.Floats(b, "x", 1, 3, 8, 8);
        var w = b.Constant("w", Enumerable.Range(0, 4 * 3 * 9).Select(i => (i % 7) / 10f).ToArray(), 4, 3, 3, 3);
        var conv = b.Op("Conv", [x, w], NodeAttribute.Ints("pads", 1, 1, 1, 1));
        var act = b.Op("Mul", [conv, b.Op("Sigmoid", [conv])]);
        var pool = b.Op("MaxPool", [act], NodeAttribute.Ints("kernel_shape", 2, 2), NodeAttribute.Ints("strides", 2, 2));
        var concat = b.Op("Concat", [pool, b.Op("Relu", [pool])], NodeAttribute.Int("axis", 1));
        var flat = b.Op("Transpose", [b.Op("Flatten", [concat])], NodeAttribute.Ints("perm", 1, 0));
        OpsetModels.Output(b, b.Op("Div", [b.Op("Add", [flat, flat]), b.Constant("two", new[] { 2f })]), "y", 128, 1);
        var model = b.Build();

        foreach (int target in new[] { 11, 13, 17 })
        {
            var converted = OpsetAssert.RoundTrip(model, target);
            Assert.Equal(model.Graph.Nodes.Select(n => n.OpType + string.Join(",", n.Attributes)), converted.Graph.Nodes.Select(n => n.OpType + string.Join(",", n.Attributes)));
        }
    }

    [Theory]
    [InlineData(0L, true)]
    [InlineData(1L, false)]
    public void ArgMax_select_last_index_converts_only_when_off(long selectLast, bool converts)
    {
        var b = new ModelBuilder(12);
        var x = OpsetModels.Floats(b, "x", 3, 4);
        b.Output(b.Op("ArgMax", "argmax", [x], NodeAttribute.Int("axis", 1), NodeAttribute.Int("select_last_index", selectLast)), "y", DataType.Int64, 3, 1);
        var model = b.Build();

        if (converts)
        {
            var converted = OpsetAssert.RoundTrip(model, 11);
            Assert.False(converted.Graph.Nodes[0].HasAttribute("select_last_index"));
        }
        else
        {
            Assert.Equal("node 'argmax' (ArgMax): attribute select_last_index=1 selects the last of equal values, which does not exist before opset 12", Assert.Single(OpsetAssert.Refused(model, 11)));
        }
    }

    [Theory]
    [InlineData(1L, true)]
    [InlineData(2L, false)]
    public void AveragePool_dilations_convert_only_when_all_ones(long dilation, bool converts)
    {
        var b = new ModelBuilder(19);
        var x = OpsetModels.Floats(b, "x", 1, 1, 6, 6);
        b.Output(b.Op("AveragePool", "pool", [x], NodeAttribute.Ints("kernel_shape", 2, 2), NodeAttribute.Ints("dilations", dilation, dilation)), "y", DataType.Float);
        var model = b.Build();

        if (converts)
        {
            Assert.False(OpsetAssert.RoundTrip(model, 18).Graph.Nodes[0].HasAttribute("dilations"));
        }
        else
        {
            Assert.Equal("node 'pool' (AveragePool): attribute dilations=[2,2] dilates the window, which does not exist before opset 19", Assert.Single(OpsetAssert.Refused(model, 18)));
        }
    }

    [Theory]
    [InlineData(new long[] { 2, 6 }, true)]
    [InlineData(new long[] { 0, 6 }, false)]
    public void Reshape_allowzero_converts_when_the_shape_has_no_zero(long[] shape, bool converts)
    {
        var b = new ModelBuilder(14);
        var x = OpsetModels.Floats(b, "x", 3, 4);
        b.Output(b.Op("Reshape", "reshape", [x, b.Constant("shape", shape, 2)], NodeAttribute.Int("allowzero", 1)), "y", DataType.Float);
        var model = b.Build();

        if (converts)
        {
            Assert.Empty(OpsetAssert.RoundTrip(model, 13).Graph.Nodes[0].Attributes);
        }
        else
        {
            Assert.Equal(
                "node 'reshape' (Reshape): allowzero=1 makes a 0 in the shape a zero-sized axis (before opset 14 it copies the input's), and the shape 'shape' contains 0",
                Assert.Single(OpsetAssert.Refused(model, 13)));
        }
    }

    private static Model BatchNorm(int opset, params NodeAttribute[] attributes)
    {
        var b = new ModelBuilder(opset);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 3);
        var inputs = new[] { "scale", "bias", "mean", "var" }.Select((name, i) => b.Constant(name, new[] { 0.5f + i, 1f + i }, 2)).ToArray();
        OpsetModels.Output(b, b.Op("BatchNormalization", "bn", [x, .. inputs], attributes), "y", 1, 2, 3, 3);
        return b.Build();
    }

    [Fact]
    public void BatchNormalization_drops_spatial_upwards_and_training_mode_downwards()
    {
        var up = OpsetAssert.Converted(BatchNorm(7, NodeAttribute.Int("spatial", 1)), 15);
        Equivalence.AssertSameOutputs(BatchNorm(7, NodeAttribute.Int("spatial", 1)), up);
        Assert.Empty(up.Graph.Nodes[0].Attributes);

        var down = OpsetAssert.RoundTrip(BatchNorm(15, NodeAttribute.Int("training_mode", 0)), 13);
        Assert.Empty(down.Graph.Nodes[0].Attributes);

        Assert.Equal(
            "node 'bn' (BatchNormalization): it runs in training mode (updating running statistics), which needs opset 14",
            Assert.Single(OpsetAssert.Refused(BatchNorm(15, NodeAttribute.Int("training_mode", 1)), 13)));
        Assert.StartsWith("node 'bn' (BatchNormalization): spatial=0", Assert.Single(OpsetAssert.Refused(BatchNorm(7, NodeAttribute.Int("spatial", 0)), 11)));
    }

    [Fact]
    public void Dropout_ratio_moves_to_an_input_and_back()
    {
        var b = new ModelBuilder(10);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        OpsetModels.Output(b, b.Op("Dropout", [x], NodeAttribute.Float("ratio", 0.3f)), "y", 2, 3);

        var converted = OpsetAssert.RoundTrip(b.Build(), 13);

        var dropout = Assert.Single(OpsetAssert.Ops(converted, "Dropout"));
        Assert.Equal(0.3f, dropout.Input(1)!.ConstValue!.ToArray<float>()[0]);
        Assert.Equal(0.3f, Assert.Single(OpsetAssert.Ops(OpsetAssert.Converted(converted, 11), "Dropout")).GetFloat("ratio", 0));
    }

    [Fact]
    public void Dropout_that_may_train_is_refused_below_12()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var training = b.Input("training", DataType.Bool, []);
        b.Output(b.Op("Dropout", "drop", [x, null, training]), "y", DataType.Float);

        Assert.Equal(
            "node 'drop' (Dropout): its training_mode input 'training' may be true, and Dropout before opset 12 only runs in inference",
            Assert.Single(OpsetAssert.Refused(b.Build(), 11)));
    }

    [Fact]
    public void Element_types_added_later_are_refused_below_their_version()
    {
        var b = new ModelBuilder(14);
        var x = b.Input("x", DataType.Int8, 4);
        b.Output(b.Op("Add", "add8", [x, x]), "y", DataType.Int8, 4);
        var cast = b.Op("Cast", "to_bf16", [b.Input("f", DataType.Float, 2)], NodeAttribute.Int("to", (long)DataType.BFloat16));
        b.Output(b.Op("Cast", [cast], NodeAttribute.Int("to", (long)DataType.Float)), "g", DataType.Float);

        var problems = OpsetAssert.Refused(b.Build(), 12);

        // The Cast back to float reads bfloat16 too, so it is refused as well.
        Assert.Equal(
            [
                "node 'add8' (Add): Add accepts int8 only from opset 14",
                "node 'to_bf16' (Cast): Cast accepts bfloat16 only from opset 13",
                "node 'Cast' (Cast): Cast accepts bfloat16 only from opset 13",
            ],
            problems);
    }

    [Fact]
    public void Cast_saturate_is_dropped_below_19()
    {
        var b = new ModelBuilder(19);
        var x = OpsetModels.Floats(b, "x", 4);
        b.Output(b.Op("Cast", [x], NodeAttribute.Int("to", (long)DataType.Float16), NodeAttribute.Int("saturate", 1)), "y", DataType.Float16, 4);

        var converted = OpsetAssert.RoundTrip(b.Build(), 17);

        Assert.Equal(["to"], converted.Graph.Nodes[0].Attributes.Select(a => a.Name));
    }

    [Fact]
    public void GridSample_modes_are_renamed_across_20()
    {
        var b = new ModelBuilder(20);
        var x = OpsetModels.Floats(b, "x", 1, 2, 4, 4);
        var grid = b.Op("Sub", [OpsetModels.Floats(b, "grid", 1, 3, 3, 2), b.Constant("half", new[] { 0.5f })]);
        OpsetModels.Output(b, b.Op("GridSample", [x, grid], NodeAttribute.String("mode", "linear")), "y", 1, 2, 3, 3);

        var converted = OpsetAssert.RoundTrip(b.Build(), 16);

        Assert.Equal("bilinear", Assert.Single(OpsetAssert.Ops(converted, "GridSample")).GetString("mode", string.Empty));
    }

    [Fact]
    public void RoiAlign_keeps_its_old_coordinates_when_upgraded_and_refuses_the_new_default_downwards()
    {
        var b = new ModelBuilder(10);
        var x = OpsetModels.Floats(b, "x", 1, 1, 6, 6);
        var rois = b.Constant("rois", new[] { 0.5f, 1f, 4.5f, 5f }, 1, 4);
        var batch = b.Constant("batch", new long[] { 0 }, 1);
        OpsetModels.Output(b, b.Op("RoiAlign", "roi", [x, rois, batch], NodeAttribute.Int("output_height", 2), NodeAttribute.Int("output_width", 2)), "y", 1, 1, 2, 2);
        var model = b.Build();

        var converted = OpsetAssert.RoundTrip(model, 16);

        Assert.Equal("output_half_pixel", converted.Graph.Nodes[0].GetString("coordinate_transformation_mode", string.Empty));
        var down = OpsetAssert.Converted(converted, 13);
        Equivalence.AssertSameOutputs(model, down);
        Assert.False(down.Graph.Nodes[0].HasAttribute("coordinate_transformation_mode"));

        converted.Graph.Nodes[0].RemoveAttribute("coordinate_transformation_mode");
        Assert.Equal(
            "node 'roi' (RoiAlign): attribute coordinate_transformation_mode is absent, which selects half-pixel coordinates from opset 16 on; before it the operator always behaves as coordinate_transformation_mode=\"output_half_pixel\"",
            Assert.Single(OpsetAssert.Refused(converted, 13)));
    }

    [Fact]
    public void Scatter_becomes_ScatterElements()
    {
        var b = new ModelBuilder(9);
        var data = OpsetModels.Floats(b, "data", 3, 3);
        var indices = b.Constant("indices", new long[] { 1, 0, 2, 0, 2, 1 }, 2, 3);
        var updates = b.Constant("updates", new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3);
        OpsetModels.Output(b, b.Op("Scatter", [data, indices, updates], NodeAttribute.Int("axis", 0)), "y", 3, 3);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, 11);
        Equivalence.AssertSameOutputs(model, converted);

        Assert.Equal("ScatterElements", Assert.Single(converted.Graph.Nodes).OpType);
    }

    [Theory]
    [InlineData("none", true)]
    [InlineData("add", false)]
    public void Scatter_reduction_converts_below_16_only_when_none(string reduction, bool converts)
    {
        var b = new ModelBuilder(16);
        var data = OpsetModels.Floats(b, "data", 3, 3);
        var indices = b.Constant("indices", new long[] { 1, 0, 2 }, 1, 3);
        var updates = b.Constant("updates", new[] { 1f, 2f, 3f }, 1, 3);
        OpsetModels.Output(b, b.Op("ScatterElements", "scatter", [data, indices, updates], NodeAttribute.String("reduction", reduction)), "y", 3, 3);
        var model = b.Build();

        if (converts)
        {
            Assert.Empty(OpsetAssert.RoundTrip(model, 13).Graph.Nodes[0].Attributes);
        }
        else
        {
            Assert.Equal("node 'scatter' (ScatterElements): attribute reduction=\"add\" combines updates, which does not exist before opset 16", Assert.Single(OpsetAssert.Refused(model, 15)));
        }
    }

    [Fact]
    public void Per_axis_quantization_is_refused_below_13()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var scale = b.Constant("scale", new[] { 0.1f, 0.2f, 0.3f }, 3);
        var zero = b.Constant("zero", new byte[] { 0, 0, 0 }, 3);
        b.Output(b.Op("QuantizeLinear", "quant", [x, scale, zero], NodeAttribute.Int("axis", 1)), "q", DataType.UInt8);

        Assert.Equal(
            "node 'quant' (QuantizeLinear): its scale 'scale' is not known to be a single value, and per-axis quantization needs opset 13",
            Assert.Single(OpsetAssert.Refused(b.Build(), 12)));
    }

    [Fact]
    public void Per_tensor_quantization_converts_and_drops_the_axis()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var scale = b.Constant("scale", new[] { 0.01f });
        var zero = b.Constant("zero", new byte[] { 3 });
        var q = b.Op("QuantizeLinear", [x, scale, zero], NodeAttribute.Int("axis", 1));
        OpsetModels.Output(b, b.Op("DequantizeLinear", [q, scale, zero]), "y", 2, 3);

        var converted = OpsetAssert.RoundTrip(b.Build(), 11);

        Assert.False(Assert.Single(OpsetAssert.Ops(converted, "QuantizeLinear")).HasAttribute("axis"));
    }
}
