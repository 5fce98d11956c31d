using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Resize across 10/11/13/18/19, and Upsample to Resize.</summary>
public sealed class ResizeConversionTests
{
    private static Value Scales(ModelBuilder b, params float[] values) => b.Constant("scales", values, values.Length);

    private static Value EmptyFloats(ModelBuilder b, string name) => b.Constant(name, Array.Empty<float>(), 0);

    [Theory]
    [InlineData(11, 13)]
    [InlineData(11, 19)]
    [InlineData(12, 22)]
    public void Resize_11_loses_its_empty_roi_above_13(int source, int target)
    {
        var b = new ModelBuilder(source);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var y = b.Op("Resize", [x, EmptyFloats(b, "roi"), Scales(b, 1, 1, 2, 2)],
            NodeAttribute.String("mode", "nearest"), NodeAttribute.String("coordinate_transformation_mode", "asymmetric"), NodeAttribute.String("nearest_mode", "floor"));
        OpsetModels.Output(b, y, "y", 1, 2, 6, 8);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var resize = Assert.Single(OpsetAssert.Ops(converted, "Resize"));
        Assert.Null(resize.Input(1));
        Assert.DoesNotContain(converted.Graph.Initializers, v => v.ConstValue!.ElementCount == 0);
    }

    [Fact]
    public void Resize_with_sizes_gets_empty_roi_and_scales_below_13()
    {
        var b = new ModelBuilder(13);
        var x = OpsetModels.Floats(b, "x", 1, 2, 4, 4);
        var sizes = b.Constant("sizes", new long[] { 1, 2, 6, 3 }, 4);
        OpsetModels.Output(b, b.Op("Resize", [x, null, null, sizes], NodeAttribute.String("mode", "linear")), "y", 1, 2, 6, 3);

        var converted = OpsetAssert.RoundTrip(b.Build(), 11);

        var resize = Assert.Single(OpsetAssert.Ops(converted, "Resize"));
        Assert.Equal(0, resize.Input(1)!.ConstValue!.ElementCount);
        Assert.Equal(0, resize.Input(2)!.ConstValue!.ElementCount);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(11)]
    public void Resize_axes_are_folded_into_full_scales_below_18(int target)
    {
        var b = new ModelBuilder(18);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var y = b.Op("Resize", [x, null, Scales(b, 2, 0.5f)], NodeAttribute.Ints("axes", 2, 3), NodeAttribute.String("mode", "linear"));
        OpsetModels.Output(b, y, "y", 1, 2, 6, 2);

        var converted = OpsetAssert.RoundTrip(b.Build(), target);

        var resize = Assert.Single(OpsetAssert.Ops(converted, "Resize"));
        Assert.False(resize.HasAttribute("axes"));
        Assert.Equal([1f, 1f, 2f, 0.5f], resize.Input(2)!.ConstValue!.ToArray<float>());
    }

    [Fact]
    public void Resize_axes_with_sizes_are_folded_using_the_input_dims()
    {
        var b = new ModelBuilder(19);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var sizes = b.Constant("sizes", new long[] { 5, 7 }, 2);
        OpsetModels.Output(b, b.Op("Resize", [x, null, null, sizes], NodeAttribute.Ints("axes", -2, -1)), "y", 1, 2, 5, 7);

        var converted = OpsetAssert.RoundTrip(b.Build(), 13);

        Assert.Equal([1L, 2L, 5L, 7L], Assert.Single(OpsetAssert.Ops(converted, "Resize")).Input(3)!.ConstValue!.ToInt64Array());
    }

    [Theory]
    [InlineData(18, 17, "antialias", 1L, "antialias=1 filters when downscaling, which Resize cannot do before opset 18")]
    [InlineData(18, 17, "keep_aspect_ratio_policy", "not_larger", "keep_aspect_ratio_policy \"not_larger\" does not exist before opset 18")]
    [InlineData(19, 18, "coordinate_transformation_mode", "half_pixel_symmetric", "coordinate_transformation_mode \"half_pixel_symmetric\" does not exist before opset 19")]
    [InlineData(11, 13, "coordinate_transformation_mode", "tf_half_pixel_for_nn", "coordinate_transformation_mode \"tf_half_pixel_for_nn\" was removed in opset 13")]
    public void Resize_attributes_the_target_lacks_are_refused(int source, int target, string attribute, object value, string reason)
    {
        var b = new ModelBuilder(source);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var roi = source < 13 ? EmptyFloats(b, "roi") : null;
        var extra = value is long i ? NodeAttribute.Int(attribute, i) : NodeAttribute.String(attribute, (string)value);
        b.Output(b.Op("Resize", "up", [x, roi, Scales(b, 1, 1, 2, 2)], NodeAttribute.String("mode", "linear"), extra), "y", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), target));

        Assert.Equal($"node 'up' (Resize): {reason}", problem);
    }

    [Theory]
    [InlineData(9, 11, "nearest")]
    [InlineData(9, 13, "linear")]
    [InlineData(7, 11, "nearest")]
    [InlineData(7, 18, "linear")]
    public void Upsample_becomes_an_asymmetric_resize(int source, int target, string mode)
    {
        var b = new ModelBuilder(source);
        var x = OpsetModels.Floats(b, "x", 1, 2, 3, 4);
        var y = source >= 9
            ? b.Op("Upsample", [x, Scales(b, 1, 1, 2, 3)], NodeAttribute.String("mode", mode))
            : b.Op("Upsample", [x], NodeAttribute.String("mode", mode), NodeAttribute.Floats("scales", 1, 1, 2, 3));
        OpsetModels.Output(b, y, "y", 1, 2, 6, 12);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, target);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(model, converted);

        Assert.Empty(OpsetAssert.Ops(converted, "Upsample"));
        var resize = Assert.Single(OpsetAssert.Ops(converted, "Resize"));
        Assert.Equal("asymmetric", resize.GetString("coordinate_transformation_mode", string.Empty));
        Assert.Equal([1f, 1f, 2f, 3f], resize.Input(2)!.ConstValue!.ToArray<float>());
        Assert.Equal(target < 13, resize.Input(1) is not null);
    }

    [Theory]
    [InlineData(2f, "floor")]
    [InlineData(0.5f, "ceil")]
    public void Resize_10_nearest_rounding_follows_the_scale_direction(float scale, string rounding)
    {
        var b = new ModelBuilder(10);
        var x = OpsetModels.Floats(b, "x", 1, 1, 4, 6);
        OpsetModels.Output(b, b.Op("Resize", [x, Scales(b, 1, 1, scale, scale)]), "y", 1, 1, (long)(4 * scale), (long)(6 * scale));
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, 11);
        OnnxOpt.TestSupport.Equivalence.AssertSameOutputs(model, converted);

        Assert.Equal(rounding, Assert.Single(OpsetAssert.Ops(converted, "Resize")).GetString("nearest_mode", string.Empty));
    }
}
