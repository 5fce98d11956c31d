using BenchmarkDotNet.Attributes;
using OnnxOpt.Fixtures;
using OnnxOpt.Graph;
using OnnxOpt.Passes;

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
        Directory.CreateDirectory(Path.Combine(_folder, "in"));
        var inputs = new List<string>();
        for (int seed = 0; seed < 8; seed++)
        {
            string path = Path.Combine(_folder, "in", $"yolov8n-{seed}.onnx");
            if (!File.Exists(path))
            {
                ModelWriter.Save(YoloV8Generator.Generate(new YoloV8Options { Seed = seed }), path);
            }

            inputs.Add(path);
        }

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
