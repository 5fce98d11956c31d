using System.Text.Json;
using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>The pre-flight check on hand-built models, one restriction of the parsers at a time.</summary>
public sealed class CompatibilityCheckerTests
{
    [Fact]
    public void An_op_no_parser_imports_is_unsupported_everywhere()
    {
        var model = TestModels.SingleOp("Unique");
        foreach (var target in TargetProfiles.All)
        {
            var issue = Assert.Single(Check(model, target).Diagnostics, d => d.Severity == CheckSeverity.Unsupported);
            Assert.Equal(("unsupported-op", "the_node", "Unique"), (issue.Code, issue.NodeName, issue.OpType));
            Assert.Null(issue.Fix!.Pipeline);
        }
    }

    [Fact]
    public void An_op_a_newer_parser_imports_names_that_release()
    {
        var model = TestModels.SingleOp("HardSwish");
        var issue = Assert.Single(Check(model, TargetProfiles.JetsonNano).Diagnostics);
        Assert.Contains("onnx-tensorrt 8.2 has no importer for HardSwish (TensorRT 8.5.2 has one)", issue.Message);
        Assert.True(Check(model, TargetProfiles.JetsonXavier).IsSupported);
    }

    [Fact]
    public void Integer_quantized_ops_suggest_dequantize()
    {
        var issue = Unsupported(TestModels.SingleOp("DynamicQuantizeLinear"), TargetProfiles.JetsonOrin);
        Assert.Equal("dequantize", issue.Fix!.Pipeline);
    }

    [Fact]
    public void An_unsupported_op_on_constants_suggests_folding()
    {
        var b = new ModelBuilder(13);
        var c = b.Constant("c", new long[] { 0, 3, 0, 5 }, 4);
        b.Output(b.Op("NonZero", "nz", [c]), "y");
        var issue = Unsupported(b.Build(), TargetProfiles.JetsonNano);
        Assert.Equal(("unsupported-op", "fold-constants"), (issue.Code, issue.Fix!.Pipeline));
    }

    [Fact]
    public void Conv_weights_from_a_non_constant_are_rejected_by_tensorrt_8_2_only()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 4, 5, 5);
        var w = b.Constant("w", TestModels.Weights(4, 4, 3, 3, false), 4, 4, 3, 3);
        var doubled = b.Op("Add", "double_w", [w, w]);
        b.Output(b.Op("Conv", "conv", [x, doubled]), "y");
        var model = b.Build();

        var issue = Unsupported(model, TargetProfiles.JetsonNano);
        Assert.Equal(("constant-input", "conv", "fold-constants"), (issue.Code, issue.NodeName, issue.Fix!.Pipeline));
        Assert.Contains("input 1 (W) must be an initializer", issue.Message);
        Assert.Contains("computed by Add", issue.Message);
        Assert.True(Check(model, TargetProfiles.JetsonXavier).IsSupported);
        Assert.True(Check(model, TargetProfiles.JetsonOrin).IsSupported);
    }

    [Fact]
    public void Conv_weights_from_constant_nodes_and_dequantized_constants_count_as_initializers()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 4, 5, 5);
        var w = b.Op("Constant", "w_const", [], NodeAttribute.FromTensor("value", Tensor.Create(TestModels.Weights(4, 4, 3, 3, false), 4, 4, 3, 3)));
        var q = b.Constant("q", new sbyte[144], 4, 4, 3, 3);
        var dq = b.Op("DequantizeLinear", "dq", [q, b.Constant("s", [0.5f], [])]);
        var y = b.Op("Conv", "conv1", [x, w]);
        b.Output(b.Op("Conv", "conv2", [y, dq]), "y");
        Assert.True(Check(b.Build(), TargetProfiles.JetsonNano).IsSupported);
    }

    [Fact]
    public void Int64_constants_outside_int32_are_rejected_before_tensorrt_9()
    {
        var b = new ModelBuilder(13);
        var i = b.Input("i", DataType.Int64, 4);
        var big = b.Constant("big", new long[] { 1L << 40 }, 1);
        b.Output(b.Op("Add", "add_big", [i, big]), "y", DataType.Int64, 4);
        var model = b.Build();

        var nano = Check(model, TargetProfiles.JetsonNano);
        var issue = Assert.Single(nano.Diagnostics, d => d.Severity == CheckSeverity.Unsupported);
        // The Add also reads input data, so folding cannot remove the constant: no pipeline, only a hint.
        Assert.Equal(("int64-overflow", "add_big", null), (issue.Code, issue.NodeName, issue.Fix!.Pipeline));
        Assert.Contains("folding cannot remove", issue.Fix.Hint, StringComparison.Ordinal);
        Assert.Contains("1099511627776", issue.Message);
        Assert.Equal(2, nano.ModelIssues.Count(d => d.Code == "int64-binding"));
        Assert.Empty(Check(model, TargetProfiles.JetsonOrin).Diagnostics);
    }

    [Fact]
    public void A_clamped_int64_slice_bound_is_only_information()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 8);
        var starts = b.Constant("starts", new long[] { 2 }, 1);
        var ends = b.Constant("ends", new long[] { long.MaxValue }, 1);
        var axes = b.Constant("axes", new long[] { 1 }, 1);
        b.Output(b.Op("Slice", "slice", [x, starts, ends, axes]), "y");

        var report = Check(b.Build(), TargetProfiles.JetsonNano);
        Assert.True(report.IsSupported);
        Assert.Equal("int64-clamped", Assert.Single(report.Diagnostics).Code);
        Assert.Equal("supported", report.Nodes.Single().Status);
    }

    [Theory]
    [InlineData("cubic", "asymmetric", "mode='cubic'")]
    [InlineData("linear", "tf_crop_and_resize", "coordinate_transformation_mode='tf_crop_and_resize'")]
    public void Resize_modes_outside_the_parser_list_are_unsupported(string mode, string transform, string expected)
    {
        var model = Resize(NodeAttribute.String("mode", mode), NodeAttribute.String("coordinate_transformation_mode", transform));
        foreach (var target in TargetProfiles.All)
        {
            var issue = Unsupported(model, target);
            Assert.Equal("attribute", issue.Code);
            Assert.Contains(expected, issue.Message);
        }
    }

    [Fact]
    public void The_ultralytics_upsample_is_supported_everywhere()
    {
        var model = Resize(NodeAttribute.String("mode", "nearest"), NodeAttribute.String("coordinate_transformation_mode", "asymmetric"), NodeAttribute.String("nearest_mode", "floor"));
        Assert.All(TargetProfiles.All, t => Assert.Empty(Check(model, t).Diagnostics));
    }

    [Fact]
    public void A_too_new_opset_suggests_converting_to_the_newest_the_parser_takes()
    {
        var model = TestModels.ConvRelu(opset: 20);
        Assert.Equal("convert-opset{version=13}", Assert.Single(Check(model, TargetProfiles.JetsonNano).ModelIssues).Fix!.Pipeline);
        Assert.Equal("convert-opset{version=17}", Assert.Single(Check(model, TargetProfiles.JetsonXavier).ModelIssues).Fix!.Pipeline);
        Assert.True(Check(model, TargetProfiles.JetsonOrin).IsSupported);
        var old = Assert.Single(Check(TestModels.ConvRelu(opset: 7), TargetProfiles.TensorRt10).ModelIssues);
        Assert.Contains("older than onnx-tensorrt 10.3 imports (from 9)", old.Message);
    }

    [Fact]
    public void A_used_maxpool_indices_output_is_unsupported()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 2, 4, 4);
        var pool = b.Node("MaxPool", [x], 2, "pool", [NodeAttribute.Ints("kernel_shape", 2, 2)]);
        b.Output(pool.Outputs[0], "y");
        b.Output(pool.Outputs[1], "indices");
        Assert.Equal("unsupported-output", Unsupported(b.Build(), TargetProfiles.JetsonOrin).Code);
    }

    [Fact]
    public void One_dimensional_pooling_is_unsupported()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 2, 8);
        b.Output(b.Op("AveragePool", "pool1d", [x], NodeAttribute.Ints("kernel_shape", 2)), "y");
        Assert.Contains("2D or 3D kernels only, not 1D", Unsupported(b.Build(), TargetProfiles.TensorRt10).Message);
    }

    [Fact]
    public void Quantization_must_be_symmetric()
    {
        Assert.Equal("zero-point", Unsupported(Quantize(zeroPoint: 3), TargetProfiles.JetsonOrin).Code);
        Assert.True(Check(Quantize(zeroPoint: 0), TargetProfiles.JetsonOrin).IsSupported);
    }

    [Fact]
    public void Custom_domain_ops_need_plugins()
    {
        var issue = Unsupported(TestModels.SingleOp("EfficientNMS_TRT", domain: "trt.plugins"), TargetProfiles.TensorRt10);
        Assert.Equal("custom-op", issue.Code);
        Assert.Contains("trt.plugins.EfficientNMS_TRT", issue.Message);
    }

    [Fact]
    public void Dynamic_inputs_warn_unless_a_profile_covers_them()
    {
        var model = TestModels.ConvRelu(dynamicBatch: true);
        var report = Check(model, TargetProfiles.JetsonOrin);
        Assert.True(report.IsSupported);
        var warning = Assert.Single(report.ModelIssues);
        Assert.Equal((CheckSeverity.Warning, "dynamic-shape", "x"), (warning.Severity, warning.Code, warning.ValueName));

        var covered = Check(model, TargetProfiles.JetsonOrin, new CheckOptions { Shapes = ShapeProfile.Fixed("x:1x8x6x6") });
        Assert.Equal(CheckSeverity.Info, Assert.Single(covered.ModelIssues).Severity);
    }

    [Fact]
    public void Strongly_typed_tensorrt_11_wants_a_float16_model_for_fp16_and_qdq_for_int8()
    {
        var model = TestModels.ConvRelu();
        var fp16 = Assert.Single(Check(model, TargetProfiles.TensorRt11, new CheckOptions { Precision = Precision.Fp16 }).ModelIssues);
        Assert.Equal((CheckSeverity.Warning, "convert-fp16"), (fp16.Severity, fp16.Fix!.Pipeline));
        Assert.Empty(Check(TestModels.ConvRelu(floatType: DataType.Float16), TargetProfiles.TensorRt11, new CheckOptions { Precision = Precision.Fp16 }).Diagnostics);
        Assert.False(Check(model, TargetProfiles.TensorRt11, new CheckOptions { Precision = Precision.Int8 }).IsSupported);
        Assert.Empty(Check(model, TargetProfiles.TensorRt10, new CheckOptions { Precision = Precision.Fp16 }).Diagnostics);
    }

    [Fact]
    public void Int8_on_maxwell_warns_that_it_is_not_faster()
    {
        var issue = Assert.Single(Check(TestModels.ConvRelu(), TargetProfiles.JetsonNano, new CheckOptions { Precision = Precision.Int8 }).ModelIssues);
        Assert.Equal("no-fast-int8", issue.Code);
    }

    [Fact]
    public void Element_types_follow_each_parser()
    {
        var bf16 = WithInitializer(Tensor.FromBytes(DataType.BFloat16, [2], new byte[4]));
        var xavierBf16 = Check(bf16, TargetProfiles.JetsonXavier);
        Assert.False(xavierBf16.IsSupported);
        Assert.Contains(xavierBf16.ModelIssues, d => (d.ValueName, d.Code, d.Severity) == ("c", "data-type", CheckSeverity.Unsupported));
        Assert.True(Check(bf16, TargetProfiles.JetsonOrin).IsSupported);

        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.UInt8, 1, 4);
        var f = b.Op("Cast", "to_float", [x], NodeAttribute.Int("to", (long)DataType.Float));
        var back = b.Op("Cast", "to_uint8", [f], NodeAttribute.Int("to", (long)DataType.UInt8));
        b.Output(b.Op("Cast", "to_double", [back], NodeAttribute.Int("to", (long)DataType.Double)), "y", DataType.Double);
        var casts = b.Build();

        var xavier = Check(casts, TargetProfiles.JetsonXavier);
        Assert.Equal(["to_uint8"], xavier.Nodes.Where(n => !n.IsSupported).Select(n => n.Name));
        Assert.Equal("warning", xavier.Nodes.Single(n => n.Name == "to_double").Status);
        Assert.Contains(Check(casts, TargetProfiles.JetsonNano).ModelIssues, d => d.ValueName == "x" && d.Severity == CheckSeverity.Unsupported);
    }

    [Fact]
    public void Int64_constant_of_shape_needs_tensorrt_10()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 2, 3);
        var shape = b.Op("Shape", "shape", [x]);
        b.Output(b.Op("ConstantOfShape", "fill", [shape], NodeAttribute.FromTensor("value", Tensor.Create(new long[] { 1 }, 1))), "y");
        var model = b.Build();
        var issue = Unsupported(model, TargetProfiles.JetsonXavier);
        Assert.Equal(("constant-of-shape-type", "fold-constants"), (issue.Code, issue.Fix!.Pipeline));
        Assert.True(Check(model, TargetProfiles.JetsonOrin).IsSupported);
    }

    [Fact]
    public void A_float_range_with_a_computed_limit_needs_tensorrt_8_4_or_later()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 3, 8, 8);
        var shape = b.Op("Shape", "shape", [x]);
        var width = b.Op("Gather", "width", [shape, b.Constant("three", new long[] { 3 }, [])], NodeAttribute.Int("axis", 0));
        var limit = b.Op("Cast", "limit", [width], NodeAttribute.Int("to", (long)DataType.Float));
        var start = b.Op("Constant", "start", [], NodeAttribute.FromTensor("value", Tensor.Scalar(0f)));
        var delta = b.Op("Constant", "delta", [], NodeAttribute.FromTensor("value", Tensor.Scalar(1f)));
        b.Output(b.Op("Range", "range", [start, limit, delta]), "y");
        var model = b.Build();

        Assert.Equal("dynamic-float-range", Unsupported(model, TargetProfiles.JetsonNano).Code);
        Assert.True(Check(model, TargetProfiles.JetsonXavier).IsSupported);
    }

    [Fact]
    public void Unnamed_nodes_are_labelled_by_op_and_position()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 4);
        var node = b.Node("Unique", [x]);
        node.Name = string.Empty;
        b.Output(node.Outputs[0], "y");
        Assert.Equal("Unique#0", Unsupported(b.Build(), TargetProfiles.JetsonOrin).NodeName);
    }

    [Fact]
    public void Text_and_json_reports_carry_the_verdicts_and_fixes()
    {
        var report = Check(TestModels.SingleOp("DynamicQuantizeLinear", opset: 17), TargetProfiles.JetsonNano);
        string text = CheckReportWriter.ToText(report);
        Assert.Contains("target: jetson-nano: TensorRT 8.2.1, JetPack 4.6.x; onnx-tensorrt 8.2 imports opsets 1-13", text);
        Assert.Contains("model: opset 17, 1 node: 0 supported (0 with warnings), 1 unsupported", text);
        Assert.Contains("unsupported: model: opset 17 is newer than onnx-tensorrt 8.2 imports (up to 13) [fix: convert-opset{version=13}", text);
        Assert.Contains("unsupported: node 'the_node' (DynamicQuantizeLinear): onnx-tensorrt 8.2 has no importer", text);
        Assert.EndsWith("result: not supported on jetson-nano; suggested: 'convert-opset{version=13}', 'dequantize'\n", text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(CheckReportWriter.ToJson(report));
        var root = json.RootElement;
        Assert.False(root.GetProperty("supported").GetBoolean());
        Assert.Equal("8.2.1", root.GetProperty("tensorrt").GetString());
        var node = root.GetProperty("nodes")[0];
        Assert.Equal(("the_node", "unsupported"), (node.GetProperty("name").GetString(), node.GetProperty("status").GetString()));
        Assert.Equal("dequantize", node.GetProperty("issues")[0].GetProperty("fix").GetString());
        Assert.Equal("opset", root.GetProperty("modelIssues")[0].GetProperty("code").GetString());
    }

    private static CheckReport Check(Model model, TargetProfile target, CheckOptions? options = null) => CompatibilityChecker.Check(model, target, options);

    private static CheckDiagnostic Unsupported(Model model, TargetProfile target)
    {
        var report = Check(model, target);
        Assert.False(report.IsSupported);
        return Assert.Single(report.Diagnostics, d => d.Severity == CheckSeverity.Unsupported);
    }

    private static Model Resize(params NodeAttribute[] attributes)
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 2, 4, 4);
        var scales = b.Constant("scales", new float[] { 1, 1, 2, 2 }, 4);
        b.Output(b.Op("Resize", "resize", [x, null, scales], attributes), "y");
        return b.Build();
    }

    private static Model Quantize(byte zeroPoint)
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 4);
        var q = b.Op("QuantizeLinear", "q", [x, b.Constant("scale", [0.1f], []), b.Constant("zp", new[] { (sbyte)zeroPoint }, [])]);
        b.Output(b.Op("DequantizeLinear", "dq", [q, b.Constant("scale2", [0.1f], [])]), "y");
        return b.Build();
    }

    private static Model WithInitializer(Tensor tensor)
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", tensor.DataType, 2);
        b.Output(b.Op("Add", "add", [x, b.Constant("c", tensor)]), "y");
        return b.Build();
    }
}
