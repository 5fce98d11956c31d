using BenchmarkDotNet.Attributes;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// The foundation's cost floor: read the 12.8 MB yolov8n export, verify it, write it back. Every later pass
/// pipeline pays this on top of its own work. Target: under 30 ms and under 3x the file size in allocations.
/// </summary>
[MemoryDiagnoser]
public class LoadVerifySaveBenchmarks
{
    private string _model = string.Empty;
    private string _output = string.Empty;
    private MemoryStream _buffer = new();

    [GlobalSetup]
    public void Setup()
    {
        _model = SharedFixture.Require(SharedFixture.YoloV8n);
        _output = Path.Combine(Path.GetTempPath(), $"onnxopt-bench-{Environment.ProcessId}.onnx");

        // Sized once so that the MemoryStream variant measures the writer, not the stream's growth.
        _buffer = new MemoryStream(checked((int)new FileInfo(_model).Length * 2));
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    [Benchmark]
    public Model Load() => ModelReader.Load(_model);

    [Benchmark]
    public int LoadVerify() => GraphVerifier.Verify(ModelReader.Load(_model)).Count;

    [Benchmark]
    public long LoadVerifySaveToMemory()
    {
        var model = ModelReader.Load(_model);
        GraphVerifier.ThrowIfInvalid(model);
        _buffer.SetLength(0);
        ModelWriter.Save(model, _buffer);
        return _buffer.Length;
    }

    [Benchmark(Baseline = true)]
    public void LoadVerifySaveToFile()
    {
        var model = ModelReader.Load(_model);
        GraphVerifier.ThrowIfInvalid(model);
        ModelWriter.Save(model, _output);
    }
}
