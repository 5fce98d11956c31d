using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>
/// The pre-flight check on the raw Ultralytics exports, as they come from the exporter (no passes run). These
/// record what each target's parser rejects before `tensorrt-prepare`; the assertion that every fixture is
/// supported after `tensorrt-prepare` belongs with that preset's tests.
/// </summary>
public sealed class UltralyticsPreflightTests
{
    public static TheoryData<string, string> StaticExports() => new()
    {
        { "yolov8n.onnx", "jetson-nano" }, { "yolov8n.onnx", "jetson-xavier" }, { "yolov8n.onnx", "jetson-orin" }, { "yolov8n.onnx", "trt10" }, { "yolov8n.onnx", "trt11" },
        { "yolov8n-seg_320.onnx", "jetson-nano" }, { "yolov8n-seg_320.onnx", "jetson-xavier" }, { "yolov8n-seg_320.onnx", "jetson-orin" }, { "yolov8n-seg_320.onnx", "trt10" }, { "yolov8n-seg_320.onnx", "trt11" },
    };

    [SkippableTheory]
    [MemberData(nameof(StaticExports))]
    public void Static_opset_20_exports_need_only_an_opset_conversion_for_tensorrt_8(string file, string targetName)
    {
        var target = TargetProfiles.Get(targetName);
        var report = CompatibilityChecker.Check(Load(file), target);

        Assert.All(report.Nodes, n => Assert.Equal("supported", n.Status));
        if (target.Parser.MaxOpset >= 20)
        {
            Assert.Empty(report.Diagnostics);
            Assert.True(report.IsSupported);
        }
        else
        {
            var issue = Assert.Single(report.Diagnostics);
            Assert.Equal(("opset", FixPipelines.ConvertOpset(target.Parser.MaxOpset)), (issue.Code, issue.Fix!.Pipeline));
        }
    }

    [SkippableFact]
    public void The_dynamic_export_needs_a_profile_everywhere_and_shape_folding_on_the_nano()
    {
        var model = Load("yolov8n_dynamic_shape.onnx");

        var nano = CompatibilityChecker.Check(model, TargetProfiles.JetsonNano);
        Assert.Equal(["/model.22/Range", "/model.22/Range_1", "/model.22/Range_2", "/model.22/Range_3", "/model.22/Range_4", "/model.22/Range_5"],
            nano.Nodes.Where(n => !n.IsSupported).Select(n => n.Name).Order(StringComparer.Ordinal));
        // Folding alone cannot remove them while the input is dynamic: the fix names the export's own size first.
        Assert.All(nano.Nodes.Where(n => !n.IsSupported), n => Assert.Equal("fix-input-shape{images=1x3x640x640},fold-constants", n.Issues.Single().Fix!.Pipeline));
        Assert.Equal(["convert-opset{version=13}", "fix-input-shape{images=1x3x640x640}", "fix-input-shape{images=1x3x640x640},fold-constants"], nano.SuggestedPipelines);

        foreach (var target in TargetProfiles.All.Skip(1))
        {
            var report = CompatibilityChecker.Check(model, target);
            Assert.True(report.IsSupported, target.Name);
            var warning = Assert.Single(report.Diagnostics);
            Assert.Equal(("dynamic-shape", "images"), (warning.Code, warning.ValueName));

            var profiled = CompatibilityChecker.Check(model, target, new CheckOptions { Shapes = ShapeProfile.Parse("images:1x3x320x320", "images:1x3x640x640", "images:4x3x640x640") });
            Assert.DoesNotContain(profiled.Diagnostics, d => d.Severity != CheckSeverity.Info);
        }
    }

    [SkippableFact]
    public void The_dynamically_quantized_export_is_rejected_for_its_integer_ops_on_every_target()
    {
        var model = Load("yolov8n_int8_dynamic.onnx");
        foreach (var target in TargetProfiles.All)
        {
            var report = CompatibilityChecker.Check(model, target);
            var unsupported = report.Nodes.Where(n => !n.IsSupported).ToList();
            Assert.Equal(64, unsupported.Count(n => n.OpType == "ConvInteger"));
            Assert.Equal(59, unsupported.Count(n => n.OpType == "DynamicQuantizeLinear"));
            Assert.Equal(123, unsupported.Count);
            Assert.All(unsupported, n => Assert.Equal("dequantize", n.Issues.Single().Fix!.Pipeline));
            Assert.Equal(target.Parser.MaxOpset < 20, report.ModelIssues.Any(d => d.Code == "opset"));
            Assert.DoesNotContain(report.ModelIssues, d => d.Code == "data-type");
        }
    }

    private static Model Load(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        return ModelReader.Load(path!);
    }
}
