using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `fold-constants` on the dynamic Ultralytics YOLOv8n export against ONNX Runtime's offline optimizer on the same
/// file (ORT_ENABLE_BASIC + OptimizedModelFilePath). Both sides are timed file to file: OnnxOpt loads, runs the
/// pipeline and saves; ONNX Runtime creates a session (which optimizes) and writes the optimized model. The
/// "fixed" pair fixes the input to 1x3x640x640 on both sides (fix-input-shape / free dimension overrides).
/// Node counts after each variant are printed once in the global setup.
/// </summary>
[MemoryDiagnoser]
public class FoldConstantsBenchmarks
{
    private const string Input = "fixtures/ultralytics/yolov8n_dynamic_shape.onnx";
    private const string FoldOnly = "fold-constants";
    private const string FoldCleanup = "fold-constants,cleanup";
    private const string FixedFold = "fix-input-shape{images=1x3x640x640},fold-constants,eliminate-dead-nodes,eliminate-unused-initializers";

    private string _path = string.Empty;
    private string _output = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _path = SharedFixture.Require(Input);
        _output = Path.Combine(Path.GetTempPath(), $"onnxopt-fold-bench-{Environment.ProcessId}.onnx");
        Console.WriteLine($"// nodes: input {ModelReader.Load(_path).Graph.Nodes.Count}, fold-constants {Ours(FoldOnly)}, fold-constants,cleanup {Ours(FoldCleanup)}, ORT basic {OrtNodes(false)}, "
            + $"fixed fold {Ours(FixedFold)}, ORT basic fixed {OrtNodes(true)}");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark(Baseline = true, Description = "ORT basic: session + save (dynamic)")]
    public void OrtBasic() => Ort(false);

    [Benchmark(Description = "onnxopt fold-constants: load + fold + save (dynamic)")]
    public int OnnxOptFold() => Ours(FoldOnly);

    [Benchmark(Description = "onnxopt fold-constants,cleanup: load + run + save (dynamic)")]
    public int OnnxOptFoldCleanup() => Ours(FoldCleanup);

    [Benchmark(Description = "ORT basic: session + save (free dims 1x3x640x640)")]
    public void OrtBasicFixed() => Ort(true);

    [Benchmark(Description = "onnxopt fix-input-shape + fold + dead code: load + run + save")]
    public int OnnxOptFixedFold() => Ours(FixedFold);

    private int Ours(string pipeline)
    {
        var model = ModelReader.Load(_path);
        new PassManager(PipelineRunner.Parse(pipeline)).Run(model, new PassContext());
        ModelWriter.Save(model, _output);
        return model.Graph.Nodes.Count;
    }

    private int OrtNodes(bool fixedShape)
    {
        Ort(fixedShape);
        return ModelReader.Load(_output).Graph.Nodes.Count;
    }

    private void Ort(bool fixedShape)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC, OptimizedModelFilePath = _output, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (fixedShape)
        {
            options.AddFreeDimensionOverrideByName("batch", 1);
            options.AddFreeDimensionOverrideByName("height", 640);
            options.AddFreeDimensionOverrideByName("width", 640);
        }

        using var session = new InferenceSession(_path, options);
    }
}
