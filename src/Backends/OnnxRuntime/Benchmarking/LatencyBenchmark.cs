using System.Diagnostics;
using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Backends.OnnxRuntime.Benchmarking;

/// <summary>
/// Measures a model's inference latency in ONNX Runtime: loads one session on the requested provider (with
/// the usual fallback), converts one set of seeded inputs once, runs <see cref="Warmup"/> untimed runs, then
/// times each of <see cref="Runs"/> runs. Outputs are produced and discarded inside the timed region, as an
/// application would receive them.
/// </summary>
public sealed record LatencyBenchmark
{
    public int Warmup { get; init; } = 10;

    public int Runs { get; init; } = 50;

    public InputGenerator Inputs { get; init; } = new();

    public OrtRunOptions RunOptions { get; init; } = OrtRunOptions.Default;

    public ProviderRequest Provider { get; init; } = ProviderRequest.Cpu;

    /// <summary>Benchmarks a model file (external data beside it is found by ONNX Runtime).</summary>
    public BenchmarkResult Run(string modelPath)
    {
        Validate();
        var model = ModelReader.Load(modelPath);
        using var runner = new OrtRunner(modelPath, RunOptions, Provider);
        return Run(runner, model, Path.GetFileName(modelPath));
    }

    /// <summary>Benchmarks an in-memory model.</summary>
    public BenchmarkResult Run(Model model, string name = "model")
    {
        Validate();
        using var runner = new OrtRunner(ModelWriter.ToBytes(model), RunOptions, Provider);
        return Run(runner, model, name);
    }

    private BenchmarkResult Run(OrtRunner runner, Model model, string name)
    {
        var inputs = Inputs.Generate(model);
        using var prepared = new PreparedInputs(inputs);
        for (int i = 0; i < Warmup; i++)
        {
            runner.RunDiscardingOutputs(prepared);
        }

        var latencies = new double[Runs];
        var total = Stopwatch.StartNew();
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            runner.RunDiscardingOutputs(prepared);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        total.Stop();
        var shapes = inputs.ToDictionary(p => p.Key, p => p.Value.DimsArray());
        double seconds = total.Elapsed.TotalSeconds;
        return new BenchmarkResult(name, runner.Selection, Warmup, Runs, shapes, LatencyStatistics.From(latencies), Runs / seconds, seconds);
    }

    private void Validate()
    {
        if (Warmup < 0)
        {
            throw new ArgumentException($"warmup must be 0 or more, not {Warmup}");
        }

        if (Runs < 1)
        {
            throw new ArgumentException($"runs must be at least 1, not {Runs}");
        }
    }
}
