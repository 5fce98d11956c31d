using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using Xunit;

namespace OnnxOpt.Passes.Tests.Shapes;

public sealed class FixInputShapeTests
{
    private static Model Dynamic()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("images", DataType.Float, new Shape([Dim.Symbol("batch"), Dim.Of(3), Dim.Symbol("h"), Dim.Symbol("w")]));
        var m = b.Input("mask", DataType.Float, new Shape([Dim.Symbol("batch"), Dim.Of(1)]));
        var pooled = b.Op("GlobalAveragePool", [x]);
        b.Output(b.Op("Relu", [pooled]), "y", DataType.Float);
        b.Graph.Outputs[0].Shape = new Shape([Dim.Symbol("batch"), Dim.Of(3), Dim.Of(1), Dim.Of(1)]);
        b.Output(b.Op("Neg", [m]), "n");
        return b.Build();
    }

    [Fact]
    public void Inputs_get_their_dims_and_symbols_are_bound_everywhere()
    {
        var model = Dynamic();

        var report = PipelineRunner.Run(model, "fix-input-shape{images=2x3x32x48}");

        Assert.Equal(Shape.Of(2, 3, 32, 48), model.Graph.Inputs[0].Shape);
        Assert.Equal(Shape.Of(2, 1), model.Graph.Inputs[1].Shape);
        Assert.Equal(Shape.Of(2, 3, 1, 1), model.Graph.Outputs[0].Shape);
        Assert.Equal(Shape.Of(2, 1), model.Graph.Outputs[1].Shape);
        Assert.True(report.Changed);
    }

    [Theory]
    [InlineData("fix-input-shape{images=1x4x32x32}", "dim 1 is 3 in the model")]
    [InlineData("fix-input-shape{images=1x3x32}", "has rank 4")]
    [InlineData("fix-input-shape{image=1x3x32x32}", "no graph input 'image'")]
    [InlineData("fix-input-shape{images=1x3x32x32 mask=2x1}", "symbol 'batch' would be both")]
    public void Shapes_that_contradict_the_model_are_rejected(string pipeline, string message)
    {
        var error = Assert.Throws<PipelineException>(() => PipelineRunner.Run(Dynamic(), pipeline));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fix-input-shape{images=1x3xhx32}")]
    [InlineData("fix-input-shape{images=0x3}")]
    [InlineData("fix-input-shape")]
    public void Bad_option_text_is_a_pipeline_error(string pipeline)
    {
        Assert.Throws<PipelineException>(() => PipelineRunner.Parse(pipeline));
    }

    [Fact]
    public void Fixing_an_already_fixed_input_changes_nothing()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 2);
        b.Output(b.Op("Relu", [x]), "y", DataType.Float, 1, 2);
        var model = b.Build();

        Assert.False(PipelineRunner.Run(model, "fix-input-shape{x=1x2}").Changed);
    }
}
