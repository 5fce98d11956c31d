using BenchmarkDotNet.Attributes;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `batch` in-process: 8 generated YOLOv8n-sized models (640x640, seeds 0..7) loaded, run through `cleanup` and
/// saved by <see cref="BatchOptimizer"/> with 1 and with 2 jobs. In-process, so the comparison measures the batch
/// runner's parallel efficiency without the process start-up and JIT time that no job count can shorten.
/// <see cref="Outputs"/> "fresh" empties the output folder before every batch (a first run); "replace" leaves
/// the previous batch's files, so every save renames over an existing file, which on ext4 also starts writing
/// the new file to disk at once (auto_da_alloc) and makes saving wait for the disk.
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private string _folder = string.Empty;
    private IReadOnlyList<(string Input, string Output)> _plan = [];

    [Params(1, 2)]
    public int Jobs { get; set; }

    [Params("fresh", "replace")]
    public string Outputs { get; set; } = "fresh";

    [GlobalSetup]
    public void WriteModels()
    {
        _folder = Path.Combine(Path.GetTempPath(), "onnxopt-batch-bench");
        var inputs = GeneratedModels.Write(Path.Combine(_folder, "in"), 8);

        _plan = BatchOptimizer.Plan(inputs, Path.Combine(_folder, "out"));
        Directory.CreateDirectory(Path.Combine(_folder, "out"));
    }

    [IterationSetup]
    public void PrepareOutputs()
    {
        if (Outputs == "fresh")
        {
            foreach (var (_, output) in _plan)
            {
                File.Delete(output);
            }
        }
    }

    [Benchmark]
    public int Batch() =>
        new BatchOptimizer(() => PipelineRunner.Parse("cleanup"), new OptimizeOptions(), Jobs).Run(_plan).Count(i => i.Succeeded);
}
