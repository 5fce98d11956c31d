using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Text;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Precision;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

public sealed class ConvertFloat16Tests
{
    // Small graphs of a few ops on inputs in [0, 1]: each op adds at most a few float16 roundings (2^-11 each).
    private const double Tolerance = 1e-2;

    private static Model ConvRelu()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 3, 8, 8);
        var w = b.Constant("w", Tensor.Create(Enumerable.Range(0, 108).Select(i => ((i % 7) - 3) / 10f).ToArray(), 4, 3, 3, 3));
        var bias = b.Constant("bias", new[] { 0.1f, -0.2f, 0.3f, 0f }, 4);
        var conv = b.Op("Conv", "conv", [x, w, bias], NodeAttribute.Ints("pads", 1, 1, 1, 1));
        b.Output(b.Op("Relu", "relu", [conv]), "y", DataType.Float, 1, 4, 8, 8);
        return b.Build();
    }

    private static (Model Converted, PipelineRunReport Report) Convert(Model model, string options = "")
    {
        var converted = Equivalence.Clone(model);
        var report = PipelineRunner.Run(converted, options.Length == 0 ? "convert-fp16" : $"convert-fp16{{{options}}}");
        PrecisionAssert.Verifies(converted);
        return (converted, report);
    }

    [Fact]
    public void Weights_and_values_become_float16_with_one_cast_at_each_boundary()
    {
        var model = ConvRelu();
        var (converted, report) = Convert(model);

        Assert.Equal(DataType.Float16, PrecisionAssert.TypeOf(converted, "w"));
        Assert.Equal(DataType.Float16, PrecisionAssert.TypeOf(converted, "bias"));
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "relu").Input(0)!.ElementType);
        PrecisionAssert.BoundaryTypes(converted, DataType.Float);
        Assert.Equal(["x"], converted.Graph.Inputs.Select(v => v.Name));
        Assert.Equal(["y"], converted.Graph.Outputs.Select(v => v.Name));
        Assert.Equal(2, PrecisionAssert.Casts(converted).Count());
        Assert.Equal(2, PrecisionAssert.Statistic(report, "convert-fp16", "initializers-converted"));
        Assert.Equal(2, PrecisionAssert.Statistic(report, "convert-fp16", "casts-inserted"));
        Assert.Equal((108 + 4) * 4, PrecisionAssert.Statistic(report, "convert-fp16", "float32-bytes-converted"));
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance);
    }

    [Fact]
    public void Without_keep_io_types_inputs_and_outputs_are_float16_and_no_cast_is_needed()
    {
        var (converted, _) = Convert(ConvRelu(), "keep-io-types=false");

        PrecisionAssert.BoundaryTypes(converted, DataType.Float16);
        Assert.Empty(PrecisionAssert.Casts(converted));
        using var runner = new OrtRunner(converted);
        var inputs = new InputGenerator().Generate(converted);
        Assert.Equal(DataType.Float16, runner.Run(inputs)["y"].DataType);
    }

    [Fact]
    public void Every_float_value_gets_a_declared_type_even_when_the_file_had_none()
    {
        var model = ConvRelu();
        Assert.Equal(DataType.Undefined, PrecisionAssert.Node(model, "conv").Output().ElementType);

        var (converted, _) = Convert(model);

        Assert.All(converted.Graph.Nodes.SelectMany(n => n.Outputs), v => Assert.NotEqual(DataType.Undefined, v.ElementType));
    }

    [Fact]
    public void Block_listed_ops_and_named_nodes_stay_float32_with_casts_around_them()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2, 5);
        var scaled = b.Op("Mul", "mul", [x, b.Constant("k", new[] { 0.5f }, 1)]);
        var summed = b.Op("CumSum", "cumsum", [scaled, b.Constant("axis", new[] { 1L })]);
        var shifted = b.Op("Add", "add", [summed, b.Constant("c", new[] { 0.25f }, 1)]);
        b.Output(b.Op("Sigmoid", "sigmoid", [shifted]), "y", DataType.Float, 2, 5);
        var model = b.Build();

        var (converted, report) = Convert(model, "node-block-list=add");

        var cumsum = PrecisionAssert.Node(converted, "cumsum");
        Assert.Equal(DataType.Float, cumsum.Input(0)!.ElementType);
        Assert.Equal(DataType.Float, cumsum.Output().ElementType);
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "mul").Output().ElementType);
        Assert.Equal(DataType.Float, PrecisionAssert.Node(converted, "add").Output().ElementType);
        Assert.Equal(DataType.Float, PrecisionAssert.TypeOf(converted, "c"));
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "sigmoid").Output().ElementType);
        Assert.Equal(2, PrecisionAssert.Statistic(report, "convert-fp16", "nodes-kept-float32"));
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance, samples: 3);
    }

    [Fact]
    public void An_empty_op_block_list_converts_what_the_default_list_keeps()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2, 5);
        b.Output(b.Op("CumSum", "cumsum", [x, b.Constant("axis", new[] { 1L })]), "y", DataType.Float, 2, 5);

        var (converted, _) = Convert(b.Build(), "op-block-list=\"\"");

        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "cumsum").Input(0)!.ElementType);
    }

    [Fact]
    public void Range_stays_float32_by_spec_even_off_the_block_list_and_so_do_its_constants()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 6);
        var width = b.Op("Gather", [b.Op("Shape", [x]), b.Constant("one", new[] { 1L })], NodeAttribute.Int("axis", 0));
        var limit = b.Op("Cast", "cast_limit", [width], NodeAttribute.Int("to", (long)DataType.Float));
        var range = b.Op("Range", "range", [b.Constant("start", new[] { 0.5f }), limit, b.Constant("step", new[] { 1f })]);
        b.Output(b.Op("Add", "add", [x, range]), "y", DataType.Float, 1, 6);
        var model = b.Build();

        var (converted, _) = Convert(model, "op-block-list=\"\"");

        Assert.Equal(DataType.Float, PrecisionAssert.Node(converted, "range").Output().ElementType);
        Assert.Equal((long)DataType.Float, PrecisionAssert.Node(converted, "cast_limit").GetInt("to", 0));
        Assert.Equal(DataType.Float, PrecisionAssert.TypeOf(converted, "start"));
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "add").Output().ElementType);
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance);
    }

    [Fact]
    public void Resize_scales_and_roi_stay_float32_while_its_data_becomes_float16()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 2, 3, 3);
        var roi = b.Constant("roi", Array.Empty<float>(), 0);
        var scales = b.Constant("scales", new[] { 1f, 1f, 2f, 2f }, 4);
        b.Output(b.Op("Resize", "resize", [x, roi, scales], NodeAttribute.String("mode", "linear")), "y", DataType.Float, 1, 2, 6, 6);
        var model = b.Build();

        var (converted, _) = Convert(model);

        var resize = PrecisionAssert.Node(converted, "resize");
        Assert.Equal(DataType.Float16, resize.Input(0)!.ElementType);
        Assert.Equal(DataType.Float, resize.Input(1)!.ElementType);
        Assert.Equal(DataType.Float, resize.Input(2)!.ElementType);
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance);
    }

    [Fact]
    public void Cast_to_float_is_retargeted_and_constant_nodes_hold_float16_tensors()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2, 3);
        var dims = b.Op("Cast", "cast_dims", [b.Op("Shape", "shape_dims", [x])], NodeAttribute.Int("to", (long)DataType.Float));
        var half = b.Op("Constant", "half", [], NodeAttribute.Float("value_float", 0.5f));
        var fill = b.Op("ConstantOfShape", "fill", [b.Op("Shape", "shape_fill", [x])], NodeAttribute.FromTensor("value", Tensor.Create(new[] { 0.25f }, 1)));
        var body = b.Op("Add", "add_fill", [b.Op("Mul", "mul_half", [x, half]), fill]);
        var rows = b.Op("ReduceSum", "sum_dims", [dims], NodeAttribute.Int("keepdims", 0));
        b.Output(b.Op("Add", "add_rows", [body, rows]), "y", DataType.Float, 2, 3);
        var model = b.Build();

        var (converted, report) = Convert(model);

        Assert.Equal((long)DataType.Float16, PrecisionAssert.Node(converted, "cast_dims").GetInt("to", 0));
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "half").FindAttribute("value")!.AsTensor().DataType);
        Assert.False(PrecisionAssert.Node(converted, "half").HasAttribute("value_float"));
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "fill").FindAttribute("value")!.AsTensor().DataType);
        Assert.Equal(1, PrecisionAssert.Statistic(report, "convert-fp16", "casts-retargeted"));
        Assert.Equal(2, PrecisionAssert.Statistic(report, "convert-fp16", "constants-converted"));
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance);
    }

    [Fact]
    public void A_constant_read_by_float16_and_float32_users_gets_an_exact_float32_twin()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 4);
        float[] data = [0.1f, 0.2f, 0.3f, 1f / 3];
        var c = b.Constant("c", data, 4);
        var kept = b.Op("Mul", "keep", [x, c]);
        b.Output(b.Op("Add", "add", [kept, c]), "y", DataType.Float, 1, 4);
        var model = b.Build();

        var (converted, report) = Convert(model, "node-block-list=keep");

        var keep = PrecisionAssert.Node(converted, "keep");
        Assert.Equal(data, keep.Input(1)!.ConstValue!.ToArray<float>());
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(converted, "add").Input(1)!.ElementType);
        Assert.Equal(1, PrecisionAssert.Statistic(report, "convert-fp16", "constants-duplicated"));
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance);
    }

    [Fact]
    public void Out_of_range_constants_are_clamped_tiny_ones_raised_and_both_counted()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 8);
        var big = b.Constant("big", new[] { 1e6f, -1e6f, 1f, 1e-9f, -1e-9f, 0f, float.PositiveInfinity, 70000f }, 8);
        b.Output(b.Op("Add", [x, big]), "y", DataType.Float, 1, 8);

        var (converted, report) = Convert(b.Build());

        var values = converted.Graph.FindValue("big")!.ConstValue!.ToArray<Half>().Select(h => (float)h).ToArray();
        float tiny = (float)Half.Epsilon;
        Assert.Equal([65504f, -65504f, 1f, tiny, -tiny, 0f, float.PositiveInfinity, 65504f], values);
        Assert.Equal(3, PrecisionAssert.Statistic(report, "convert-fp16", "values-clamped"));
        Assert.Equal(2, PrecisionAssert.Statistic(report, "convert-fp16", "values-raised-to-min-positive"));
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("'big'", StringComparison.Ordinal) && d.Message.Contains("clamped", StringComparison.Ordinal));
    }

    [Fact]
    public void With_min_positive_zero_tiny_constants_round_and_those_that_vanish_are_counted()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 3);
        b.Output(b.Op("Add", [x, b.Constant("small", new[] { 1e-9f, 1e-7f, 1f }, 3)]), "y", DataType.Float, 1, 3);

        var (converted, report) = Convert(b.Build(), "min-positive=0 max-finite=1000");

        var values = converted.Graph.FindValue("small")!.ConstValue!.ToArray<Half>();
        Assert.Equal(Half.Zero, values[0]);
        Assert.NotEqual(Half.Zero, values[1]);
        Assert.Equal(1, PrecisionAssert.Statistic(report, "convert-fp16", "values-flushed-to-zero"));
        Assert.Equal(0, PrecisionAssert.Statistic(report, "convert-fp16", "values-raised-to-min-positive"));
    }

    [Fact]
    public void If_branches_are_converted_and_the_if_output_keeps_its_boundary_cast()
    {
        var b = new ModelBuilder(opset: 17);
        var cond = b.Input("cond", DataType.Bool, Shape.Scalar);
        var x = b.Input("x", DataType.Float, 2, 2);
        var thenGraph = Branch("then", x, "Add", 0.5f);
        var elseGraph = Branch("else", x, "Mul", 3f);
        var node = b.Node("If", [cond], 1, "if", [NodeAttribute.FromGraph("then_branch", thenGraph), NodeAttribute.FromGraph("else_branch", elseGraph)]);
        b.Output(node.Output(), "y", DataType.Float, 2, 2);
        var model = b.Build();

        var (converted, _) = Convert(model);

        var inner = converted.Graph.AllGraphs().Single(g => g.Name == "then");
        Assert.Equal(DataType.Float16, inner.FindValue("then_c")!.ElementType);
        Assert.Equal(DataType.Float16, inner.Outputs[0].ElementType);
        Assert.Equal(DataType.Float, converted.Graph.Outputs[0].ElementType);
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance, samples: 6);
    }

    [Fact]
    public void Loop_carried_float_values_are_converted_inside_the_body()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 3);
        var body = new OnnxGraph("body");
        body.AddInput("i", DataType.Int64, Shape.Scalar);
        var condIn = body.AddInput("cond_in", DataType.Bool, Shape.Scalar);
        var carried = body.AddInput("v_in", DataType.Float, Shape.Of(3));
        var step = body.AddInitializer("body_step", Tensor.Create(new[] { 0.25f, 0.5f, 1f }, 3));
        var condOut = body.AddNode("Identity", [condIn], outputNames: ["cond_out"]).Output();
        var next = body.AddNode("Add", [carried, step], outputNames: ["v_out"]).Output();
        condOut.ElementType = DataType.Bool;
        next.ElementType = DataType.Float;
        body.AddOutput(condOut);
        body.AddOutput(next);
        var trip = b.Constant("trip", new[] { 3L });
        var always = b.Constant("always", new[] { true });
        var loop = b.Node("Loop", [trip, always, x], 1, "loop", [NodeAttribute.FromGraph("body", body)]);
        b.Output(loop.Output(), "y", DataType.Float, 3);
        var model = b.Build();

        var (converted, _) = Convert(model);

        var inner = converted.Graph.AllGraphs().Single(g => g.Name == "body");
        Assert.Equal(DataType.Float16, inner.Inputs[2].ElementType);
        Assert.Equal(DataType.Float16, inner.Outputs[1].ElementType);
        Equivalence.AssertSameOutputs(model, converted, Tolerance, Tolerance);
    }

    [Fact]
    public void Random_generators_stay_float32_by_default_and_get_a_float16_dtype_when_unblocked()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2, 2);
        var noise = b.Op("RandomNormal", "noise", [], NodeAttribute.Ints("shape", 2, 2), NodeAttribute.Float("scale", 0.01f));
        b.Output(b.Op("Add", [x, noise]), "y", DataType.Float, 2, 2);
        var model = b.Build();

        var (kept, _) = Convert(model);
        var (unblocked, _) = Convert(model, "op-block-list=\"\"");

        Assert.False(PrecisionAssert.Node(kept, "noise").HasAttribute("dtype"));
        Assert.Equal(DataType.Float, PrecisionAssert.Node(kept, "noise").Output().ElementType);
        using var runner = new OrtRunner(kept);
        Assert.Equal(DataType.Float, runner.Run(new InputGenerator().Generate(kept))["y"].DataType);
        Assert.Equal((long)DataType.Float16, PrecisionAssert.Node(unblocked, "noise").GetInt("dtype", 0));
        Assert.Equal(DataType.Float16, PrecisionAssert.Node(unblocked, "noise").Output().ElementType);
    }

    [Fact]
    public void Converting_twice_changes_nothing_the_second_time()
    {
        var (converted, _) = Convert(ConvRelu());
        string before = GraphPrinter.Print(converted);

        var report = PipelineRunner.Run(converted, "convert-fp16");

        Assert.False(report.Changed);
        Assert.Equal(before, GraphPrinter.Print(converted));
    }

    [Fact]
    public void Models_without_float32_data_are_left_alone()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Int64, 3);
        b.Output(b.Op("Add", [x, b.Constant("c", new[] { 1L, 2L, 3L }, 3)]), "y", DataType.Int64, 3);
        var half = new ModelBuilder(opset: 17);
        var h = half.Input("h", DataType.Double, 3);
        half.Output(half.Op("Add", [h, half.Constant("d", new[] { 1.0, 2.0, 3.0 }, 3)]), "y", DataType.Double, 3);

        Assert.False(PipelineRunner.Run(b.Build(), "convert-fp16").Changed);
        Assert.False(PipelineRunner.Run(half.Build(), "convert-fp16").Changed);
    }

    [Theory]
    [InlineData("convert-fp16{max-finite=70000}", "max-finite must be in (0, 65504]")]
    [InlineData("convert-fp16{max-finite=0}", "max-finite must be in (0, 65504]")]
    [InlineData("convert-fp16{min-positive=-1}", "min-positive must be at least 0")]
    [InlineData("convert-fp16{min-positive=100 max-finite=10}", "min-positive must be at least 0 and below max-finite")]
    public void Bad_ranges_are_rejected_naming_the_option(string text, string expected)
    {
        var error = Assert.Throws<PipelineException>(() => PipelineRunner.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_text_lists_the_default_block_list_and_parses_back()
    {
        string text = PipelineRunner.Parse("convert-fp16").ToPipelineText();

        Assert.Contains("op-block-list=NonMaxSuppression,TopK,RoiAlign,Range,CumSum", text, StringComparison.Ordinal);
        Assert.Equal(text, PipelineRunner.Parse(text).ToPipelineText());
    }

    private static OnnxGraph Branch(string name, Value outer, string op, float constant)
    {
        var graph = new OnnxGraph(name);
        var c = graph.AddInitializer($"{name}_c", Tensor.Create(new[] { constant }, 1));
        var output = graph.AddNode(op, [outer, c], outputNames: [$"{name}_out"]).Output();
        output.ElementType = DataType.Float;
        output.Shape = Shape.Of(2, 2);
        graph.AddOutput(output);
        return graph;
    }
}
