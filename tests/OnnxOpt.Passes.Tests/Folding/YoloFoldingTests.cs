using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Folding;

/// <summary>The dynamic Ultralytics export loses all its shape arithmetic once the input shape is fixed, and computes the same.</summary>
public sealed class YoloFoldingTests
{
    private static readonly string[] ShapeArithmetic = ["Shape", "Gather", "Range", "ConstantOfShape", "Expand", "Constant"];

    [SkippableFact]
    public void Dynamic_yolov8n_folds_to_no_shape_arithmetic_and_same_outputs()
    {
        string? path = SharedData.UltralyticsModel("yolov8n_dynamic_shape.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        var original = ModelReader.Load(path);
        var model = Equivalence.Clone(original);
        var context = new PassContext { ConstantEvaluator = new OrtConstantEvaluator() };
        var pipeline = PipelineRunner.Parse("fix-input-shape{images=1x3x640x640},fold-constants,eliminate-dead-nodes,eliminate-unused-initializers");
        var report = new PassManager(pipeline, [new VerifyEachInstrumentation()]).Run(model, context);

        var left = model.Graph.Nodes.Where(n => ShapeArithmetic.Contains(n.OpType)).Select(n => n.ToString()).ToList();
        Assert.True(left.Count == 0, "left: " + string.Join(", ", left));
        Assert.DoesNotContain(report.Diagnostics, d => d.IsError);
        Assert.Equal(Shape.Of(1, 3, 640, 640), model.Graph.Inputs[0].Shape);
        Assert.Equal(Shape.Of(1, 84, 8400), model.Graph.Outputs[0].Shape);
        Equivalence.AssertSameOutputs(original, model, atol: 1e-3, rtol: 1e-3, dims: new Dictionary<string, long> { ["batch"] = 1, ["height"] = 640, ["width"] = 640 });
    }

    [SkippableFact]
    public void Fixed_shape_folding_leaves_no_more_nodes_than_onnx_runtime_basic_optimization()
    {
        string? path = SharedData.UltralyticsModel("yolov8n_dynamic_shape.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        using var dir = new TempDirectory();
        string optimized = dir.File("ort.onnx");
        using (var options = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_BASIC, OptimizedModelFilePath = optimized })
        {
            options.AddFreeDimensionOverrideByName("batch", 1);
            options.AddFreeDimensionOverrideByName("height", 640);
            options.AddFreeDimensionOverrideByName("width", 640);
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path, options);
        }

        var model = ModelReader.Load(path);
        PipelineRunner.Run(model, "fix-input-shape{images=1x3x640x640},fold-constants,eliminate-dead-nodes,eliminate-unused-initializers");

        Assert.True(model.Graph.Nodes.Count <= ModelReader.Load(optimized).Graph.Nodes.Count, $"{model.Graph.Nodes.Count} nodes against ONNX Runtime's {ModelReader.Load(optimized).Graph.Nodes.Count}");
    }

    [SkippableFact]
    public void Tensorrt_prepare_preset_after_fix_input_shape_reaches_a_fixed_point()
    {
        string? path = SharedData.UltralyticsModel("yolov8n_dynamic_shape.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path);
        int before = model.Graph.Nodes.Count;
        var report = PipelineRunner.Run(model, "fix-input-shape{images=1x3x640x640},tensorrt-prepare");
        Assert.True(report.Converged);
        Assert.True(model.Graph.Nodes.Count < before - 150, $"{before} → {model.Graph.Nodes.Count} nodes");
        Assert.DoesNotContain(model.Graph.Nodes, n => n.OpType is "Shape" or "Constant");
    }
}
