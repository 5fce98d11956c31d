using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Operators the target opset lacks, written with older ones: HardSwish, Mish, Gelu, Shape's range, Constant's value_*.</summary>
public sealed class ReplacementTests
{
    private static Model Unary(int opset, string op, params NodeAttribute[] attributes)
    {
        var b = new ModelBuilder(opset);
        var x = b.Input("x", DataType.Float, 2, 3, 4);
        OpsetModels.Output(b, b.Op(op, "act", [x], attributes), "y", 2, 3, 4);
        return b.Build();
    }

    private static Model Scaled(Model model)
    {
        // Inputs in [-4, 4] cover both saturated ends of HardSwish and the curved middle of Mish and Gelu.
        var b = new ModelBuilder((int)model.GetOpset()!.Value);
        var x = b.Input("x", DataType.Float, 2, 3, 4);
        var shifted = b.Op("Sub", [b.Op("Mul", [x, b.Constant("eight", new[] { 8f })]), b.Constant("four", new[] { 4f })]);
        var original = model.Graph.Nodes[0];
        OpsetModels.Output(b, b.Op(original.OpType, original.Name, [shifted], [.. original.Attributes]), "y", 2, 3, 4);
        return b.Build();
    }

    [Theory]
    [InlineData(13)]
    [InlineData(11)]
    public void HardSwish_becomes_x_times_hard_sigmoid(int target)
    {
        var model = Scaled(Unary(14, "HardSwish"));

        var converted = OpsetAssert.Converted(model, target);
        Equivalence.AssertSameOutputs(model, converted, atol: 1e-6);

        Assert.Empty(OpsetAssert.Ops(converted, "HardSwish"));
        var gate = Assert.Single(OpsetAssert.Ops(converted, "HardSigmoid"));
        Assert.Equal(1f / 6f, gate.GetFloat("alpha", 0f));
        Assert.Equal(0.5f, gate.GetFloat("beta", 0f));
        Assert.Equal("y", converted.Graph.Outputs[0].Name);
        Assert.Equal("Mul", converted.Graph.Outputs[0].Producer!.OpType);
    }

    [Fact]
    public void Mish_becomes_x_times_tanh_of_softplus()
    {
        var model = Scaled(Unary(18, "Mish"));

        var converted = OpsetAssert.Converted(model, 17);
        Equivalence.AssertSameOutputs(model, converted, atol: 1e-5);

        Assert.Equal(["Mul", "Sub", "Softplus", "Tanh", "Mul"], converted.Graph.Nodes.Select(n => n.OpType));
    }

    [Theory]
    [InlineData("none", 19)]
    [InlineData("tanh", 13)]
    [InlineData("none", 11)]
    public void Gelu_is_decomposed_by_its_definition(string approximate, int target)
    {
        var model = Scaled(Unary(20, "Gelu", NodeAttribute.String("approximate", approximate)));

        var converted = OpsetAssert.Converted(model, target);
        Equivalence.AssertSameOutputs(model, converted, atol: 1e-5);

        Assert.Empty(OpsetAssert.Ops(converted, "Gelu"));
        Assert.Single(OpsetAssert.Ops(converted, approximate == "none" ? "Erf" : "Tanh"));
    }

    [Fact]
    public void Operators_without_a_decomposition_are_refused_below_their_opset()
    {
        var b = new ModelBuilder(17);
        var x = OpsetModels.Floats(b, "x", 2, 4);
        var scale = b.Constant("scale", new[] { 1f, 1f, 1f, 1f }, 4);
        b.Output(b.Op("LayerNormalization", "norm", [x, scale]), "y", DataType.Float);

        var problem = Assert.Single(OpsetAssert.Refused(b.Build(), 16));

        Assert.Equal("node 'norm' (LayerNormalization): LayerNormalization does not exist before opset 17", problem);
    }

    [Theory]
    [InlineData(1L, -1L)]
    [InlineData(-2L, null)]
    [InlineData(0L, 2L)]
    public void Shape_range_becomes_a_slice_below_15(long start, long? end)
    {
        var b = new ModelBuilder(15);
        var x = OpsetModels.Floats(b, "x", 2, 3, 4, 5);
        var attributes = new List<NodeAttribute> { NodeAttribute.Int("start", start) };
        if (end is { } e)
        {
            attributes.Add(NodeAttribute.Int("end", e));
        }

        var shape = b.Op("Shape", [x], [.. attributes]);
        b.Output(shape, "dims", DataType.Int64);

        var converted = OpsetAssert.RoundTrip(b.Build(), 13);

        var node = Assert.Single(OpsetAssert.Ops(converted, "Shape"));
        Assert.Empty(node.Attributes);
        Assert.Equal("Slice", converted.Graph.Outputs[0].Producer!.OpType);
        Assert.Equal("dims", converted.Graph.Outputs[0].Name);
    }

    [Fact]
    public void Constant_value_attributes_become_value_tensors_below_12()
    {
        var b = new ModelBuilder(12);
        var x = OpsetModels.Floats(b, "x", 3);
        var floats = b.Op("Constant", [], NodeAttribute.Floats("value_floats", 1f, 2f, 3f));
        var scalar = b.Op("Constant", [], NodeAttribute.Float("value_float", 0.5f));
        var index = b.Op("Constant", [], NodeAttribute.Ints("value_ints", 2, 0));
        var sum = b.Op("Mul", [b.Op("Add", [x, floats]), scalar]);
        OpsetModels.Output(b, b.Op("Gather", [sum, index]), "y", 2);

        var converted = OpsetAssert.RoundTrip(b.Build(), 11);

        Assert.All(OpsetAssert.Ops(converted, "Constant"), n => Assert.Equal("value", Assert.Single(n.Attributes).Name));
        Assert.Equal(DataType.Int64, OpsetAssert.Ops(converted, "Constant").Last().Attributes[0].AsTensor().DataType);
    }
}
