using BenchmarkDotNet.Attributes;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Precision;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `convert-fp16` and `fold-casts` on the real YOLOv8n export (3.2 M weights), in process. Every iteration gets a
/// freshly loaded model (loading is not timed), since the passes rewrite it. Target: under 20 ms for the conversion.
/// Needs the shared data (ONNXOPT_SHARED or ../shared beside the checkout).
/// </summary>
[MemoryDiagnoser]
public class Float16Benchmarks
{
    private byte[] _file = [];
    private Model _model = null!;

    [GlobalSetup]
    public void LoadFile() => _file = File.ReadAllBytes(SharedFixture.Require(SharedFixture.YoloV8n));

    [IterationSetup]
    public void FreshModel()
    {
        _model = ModelReader.Load(_file);
        foreach (var initializer in _model.Graph.Initializers)
        {
            _ = initializer.ConstValue!.Bytes;
        }

        // The previous iteration's 12 MB model is garbage now; collect it here rather than inside the measurement.
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [Benchmark(Baseline = true)]
    public bool ConvertFp16() => new ConvertFloat16().Run(_model, new PassContext()).Changed;

    [Benchmark]
    public bool ConvertFp16ThenFoldCasts()
    {
        var context = new PassContext();
        bool changed = new ConvertFloat16().Run(_model, context).Changed;
        return new FoldCasts().Run(_model, context).Changed | changed;
    }
}
