using BenchmarkDotNet.Attributes;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// The `cleanup` preset in-process on real Ultralytics exports, after load (target: under 20 ms on yolov8n).
/// Each invocation gets a freshly loaded model, since cleanup rewrites it; loading is not timed. Verify-each is
/// off, as in a production run. The shared data is found through ONNXOPT_SHARED or a `shared` folder beside the
/// checkout.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class CleanupBenchmarks
{
    private byte[] _bytes = [];
    private Pipeline _pipeline = null!;
    private Model _model = null!;

    [Params("yolov8n.onnx", "yolov8n_dynamic_shape.onnx", "yolov8n-seg_320.onnx")]
    public string File { get; set; } = "yolov8n.onnx";

    [GlobalSetup]
    public void LoadBytes()
    {
        string path = SharedFixture.Require($"fixtures/ultralytics/{File}");
        _bytes = System.IO.File.ReadAllBytes(path);
        _pipeline = PipelineRunner.Parse("cleanup");
    }

    [IterationSetup]
    public void LoadModel() => _model = ModelReader.Load(_bytes);

    [Benchmark]
    public PipelineRunReport Cleanup() => new PassManager(_pipeline).Run(_model);
}
