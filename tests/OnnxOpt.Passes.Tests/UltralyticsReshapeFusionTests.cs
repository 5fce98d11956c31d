using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit.Abstractions;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// Issue 4's node-count target on the dynamic YOLOv8n export: with fuse-reshape-shape in `cleanup`,
/// `fold-constants,cleanup` (input shape left dynamic) leaves no more nodes than ONNX Runtime's ORT_ENABLE_BASIC
/// offline optimizer, and the same outputs at 1x3x640x640.
/// </summary>
public sealed class UltralyticsReshapeFusionTests(ITestOutputHelper output)
{
    private const string File = "yolov8n_dynamic_shape.onnx";
    private static readonly Dictionary<string, long> DynamicDims = new() { ["batch"] = 1, ["height"] = 640, ["width"] = 640 };

    [SkippableFact]
    public void Fold_and_cleanup_leave_at_most_as_many_nodes_as_ort_basic()
    {
        string? path = SharedData.UltralyticsModel(File);
        Skip.If(path is null, SharedData.MissingMessage);

        var original = ModelReader.Load(path!);
        var ours = Equivalence.Clone(original);
        var report = PipelineRunner.Run(ours, "fold-constants,cleanup");
        int ort = OrtBasicNodeCount(path!);
        output.WriteLine($"input {original.Graph.Nodes.Count}, fold-constants,cleanup {ours.Graph.Nodes.Count}, ORT basic {ort}");

        Assert.True(report.Runs.Sum(r => r.Statistics.Get("reshape-shapes-fused")) >= 1);
        Assert.True(ours.Graph.Nodes.Count <= ort, $"{ours.Graph.Nodes.Count} nodes left vs ORT basic {ort}");
        Assert.Equal(original.Graph.Outputs.Select(v => v.Name), ours.Graph.Outputs.Select(v => v.Name));
        Equivalence.AssertSameOutputs(original, ours, dims: DynamicDims);
    }

    private static int OrtBasicNodeCount(string path)
    {
        using var temp = new TempDirectory();
        string optimized = temp.File("ort-basic.onnx");
        using (new OrtRunner(path, OrtRunOptions.Default with { OptimizationLevel = 1, OptimizedModelPath = optimized }))
        {
        }

        return ModelReader.Load(optimized).Graph.Nodes.Count;
    }
}
