using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit.Abstractions;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// Issue 4's node-count comparison on the dynamic YOLOv8n export: `fold-constants,cleanup` (input shape left
/// dynamic) against ONNX Runtime's ORT_ENABLE_BASIC offline optimizer. Since eliminate-neutral-arith, no op type
/// other than Concat is left more often than ONNX Runtime leaves it (the Mul by 1 ONNX Runtime's NoopElimination
/// removes is gone). Concat is exempt here: ONNX Runtime's ReshapeFusion removes Concats that fuse-reshape-shape
/// handles (see UltralyticsReshapeFusionTests for the total node count).
/// </summary>
public sealed class UltralyticsNeutralArithTests(ITestOutputHelper output)
{
    private const string File = "yolov8n_dynamic_shape.onnx";
    private static readonly Dictionary<string, long> DynamicDims = new() { ["batch"] = 1, ["height"] = 640, ["width"] = 640 };

    [SkippableFact]
    public void Fold_and_cleanup_leave_no_op_type_but_reshape_shape_concats_above_ort_basic()
    {
        string? path = SharedData.UltralyticsModel(File);
        Skip.If(path is null, SharedData.MissingMessage);

        var original = ModelReader.Load(path!);
        var ours = Equivalence.Clone(original);
        var report = PipelineRunner.Run(ours, "fold-constants,cleanup");
        var ort = OrtBasic(path!);
        var a = Histogram(ours.Graph);
        var b = Histogram(ort.Graph);
        output.WriteLine($"input {original.Graph.Nodes.Count}, fold-constants,cleanup {ours.Graph.Nodes.Count}, ORT basic {ort.Graph.Nodes.Count}");

        foreach (var (op, count) in a.Where(p => p.Key != "Concat"))
        {
            Assert.True(count <= b.GetValueOrDefault(op), $"{op}: {count} left vs ORT basic {b.GetValueOrDefault(op)}");
        }

        Assert.True(report.Runs.Sum(r => r.Statistics.Get("mul-neutral-removed")) >= 1);
        Assert.Equal(original.Graph.Outputs.Select(v => v.Name), ours.Graph.Outputs.Select(v => v.Name));
        Equivalence.AssertSameOutputs(original, ours, dims: DynamicDims);
    }

    private static Model OrtBasic(string path)
    {
        using var temp = new TempDirectory();
        string optimized = temp.File("ort-basic.onnx");
        using (new OrtRunner(path, OrtRunOptions.Default with { OptimizationLevel = 1, OptimizedModelPath = optimized }))
        {
        }

        return ModelReader.Load(optimized);
    }

    private static Dictionary<string, int> Histogram(OnnxOpt.Graph.IR.OnnxGraph graph) =>
        graph.Nodes.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
