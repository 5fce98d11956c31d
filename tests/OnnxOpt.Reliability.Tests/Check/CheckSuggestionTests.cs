using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests.Check;

/// <summary>
/// `check` must not send users in circles: every pipeline it prints, run with `onnxopt optimize`, removes the
/// problem it was printed for (<see cref="SuggestionLoop"/>), on the shared Ultralytics exports and on generated
/// models, for every target, as read and as `check --shapes` sees them.
/// </summary>
public sealed class CheckSuggestionTests
{
    public static TheoryData<string, string> SharedExportsAndTargets()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in new[] { "yolov8n.onnx", "yolov8n_dynamic_shape.onnx", "yolov8n-seg_320.onnx", "yolov8n_int8_dynamic.onnx" })
        {
            foreach (string target in TargetProfiles.Names)
            {
                data.Add(file, target);
            }
        }

        return data;
    }

    public static TheoryData<string, string> GeneratedModelsAndTargets()
    {
        var data = new TheoryData<string, string>();
        foreach (string model in Generated.Keys)
        {
            foreach (string target in TargetProfiles.Names)
            {
                data.Add(model, target);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<Model>> Generated = new(StringComparer.Ordinal)
    {
        ["yolo-opset13"] = () => Yolo(13, dynamic: false),
        ["yolo-opset17"] = () => Yolo(17, dynamic: false),
        ["yolo-opset21"] = () => Yolo(21, dynamic: false),
        ["yolo-dynamic-opset13"] = () => Yolo(13, dynamic: true),
        ["yolo-dynamic-opset17"] = () => Yolo(17, dynamic: true),
        ["yolo-dynamic-no-metadata"] = () => WithoutMetadata(Yolo(17, dynamic: true)),
        ["int64-shape-arithmetic"] = Int64ShapeArithmetic,
        ["int64-data-arithmetic"] = Int64DataArithmetic,
    };

    [SkippableTheory]
    [MemberData(nameof(SharedExportsAndTargets))]
    public void Every_suggestion_for_a_shared_export_removes_its_problem(string file, string targetName)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var target = TargetProfiles.Get(targetName);

        SuggestionLoop.Run(path!, target, CheckOptions.Default);
        SuggestionLoop.Run(path!, target, new CheckOptions { Precision = Precision.Fp16 });
        if (file == "yolov8n_dynamic_shape.onnx")
        {
            SuggestionLoop.Run(path!, target, ShapesFixedInMemory("images:1x3x640x640"));
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedModelsAndTargets))]
    public void Every_suggestion_for_a_generated_model_removes_its_problem(string name, string targetName)
    {
        using var temp = new TempDirectory();
        string path = Models.Save(Generated[name](), temp.File($"{name}.onnx"));
        var target = TargetProfiles.Get(targetName);

        SuggestionLoop.Run(path, target, CheckOptions.Default);
        SuggestionLoop.Run(path, target, new CheckOptions { Precision = Precision.Fp16 });
        if (name.StartsWith("yolo-dynamic", StringComparison.Ordinal))
        {
            SuggestionLoop.Run(path, target, ShapesFixedInMemory("images:1x3x320x320"));
        }
    }

    [SkippableFact]
    public void The_dynamic_export_on_the_nano_gets_fix_input_shape_with_its_own_size_not_fold_constants_again()
    {
        string? path = SharedData.UltralyticsModel("yolov8n_dynamic_shape.onnx");
        Skip.If(path is null, SharedData.MissingMessage);

        var report = CompatibilityChecker.Check(Graph.Serialization.ModelReader.Load(path!), TargetProfiles.JetsonNano);

        Assert.Equal(["convert-opset{version=13}", "fix-input-shape{images=1x3x640x640}", "fix-input-shape{images=1x3x640x640},fold-constants"], report.SuggestedPipelines);
        Assert.All(report.Diagnostics.Where(d => d.Code == "dynamic-float-range"), d => Assert.Equal("fix-input-shape{images=1x3x640x640},fold-constants", d.Fix!.Pipeline));
    }

    [Fact]
    public void Without_a_size_in_the_model_the_hint_says_which_dims_to_fill_in()
    {
        var report = CompatibilityChecker.Check(WithoutMetadata(Yolo(13, dynamic: true)), TargetProfiles.JetsonNano);

        var range = report.Diagnostics.First(d => d.Code == "dynamic-float-range");
        Assert.Null(range.Fix!.Pipeline);
        Assert.Contains("fix-input-shape{images=<batch>x3x<height>x<width>},fold-constants", range.Fix.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(report.SuggestedPipelines, p => p.Contains("fold-constants", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_with_shapes_changes_the_verdict_and_its_pipelines_start_with_the_fix()
    {
        using var temp = new TempDirectory();
        string path = Models.Save(Yolo(17, dynamic: true), temp.File("dynamic.onnx"));

        var plain = Run.Cli("check", path, "--target", "trt10");
        var shaped = Run.Cli("check", path, "--target", "trt10", "--shapes", "images:1x3x320x320");
        var nano = Run.Cli("check", path, "--target", "jetson-nano", "--shapes", "images:1x3x320x320");

        Assert.Contains("warning: value 'images': input has dynamic shape", plain.Out, StringComparison.Ordinal);
        Assert.Contains("suggested: 'fix-input-shape{images=1x3x320x320}'", plain.Out, StringComparison.Ordinal);
        Assert.Equal(0, shaped.ExitCode);
        Assert.DoesNotContain("warning:", shaped.Out, StringComparison.Ordinal);
        Assert.EndsWith("result: supported on trt10\n", shaped.Out, StringComparison.Ordinal);
        Assert.Equal(1, nano.ExitCode);
        Assert.EndsWith("suggested: 'fix-input-shape{images=1x3x320x320},convert-opset{version=13}', 'fix-input-shape{images=1x3x320x320},fold-constants'\n", nano.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("images:1x3x320")]
    [InlineData("pixels:1x3x320x320")]
    [InlineData("images:0x3x320x320")]
    public void Shapes_the_model_contradicts_are_usage_errors(string shapes)
    {
        using var temp = new TempDirectory();
        string path = Models.Save(Yolo(17, dynamic: true), temp.File("dynamic.onnx"));

        Run.Cli("check", path, "--target", "trt10", "--shapes", shapes).AssertOneErrorLine(2);
    }

    private static CheckOptions ShapesFixedInMemory(string shapes)
    {
        var profile = ShapeProfile.Fixed(shapes);
        return new CheckOptions { Shapes = profile, AppliedPipeline = InputShapeFix.PipelineFor(profile) };
    }

    private static Model Yolo(long opset, bool dynamic) =>
        YoloV8Generator.Generate(new YoloV8Options { Opset = opset, DynamicShape = dynamic, ImageSize = 320, NumClasses = 4 });

    private static Model WithoutMetadata(Model model)
    {
        model.MetadataProps.Clear();
        return model;
    }

    /// <summary>A Reshape target computed in INT64 from constants beyond INT32 ([2^40, 6 * 2^40] / 2^40): folding removes them.</summary>
    private static Model Int64ShapeArithmetic()
    {
        var b = new ModelBuilder(opset: 13, irVersion: 7);
        var x = b.Input("x", DataType.Float, 6);
        long big = 1L << 40;
        var shape = b.Op("Div", "shape", [b.Constant("numerator", Tensor.Create([big, 6 * big], 2)), b.Constant("denominator", Tensor.Create([big, big], 2))]);
        b.Output(b.Op("Reshape", "reshape", [x, shape]), "y", DataType.Float, 1, 6);
        return b.Build();
    }

    /// <summary>An INT64 constant beyond INT32 added to input data: nothing folds it away, so no pipeline may be suggested for it.</summary>
    private static Model Int64DataArithmetic()
    {
        var b = new ModelBuilder(opset: 13, irVersion: 7);
        var x = b.Input("x", DataType.Int64, 4);
        b.Output(b.Op("Add", "add", [x, b.Constant("offset", Tensor.Create([1L << 40], 1))]), "y", DataType.Int64, 4);
        return b.Build();
    }
}
