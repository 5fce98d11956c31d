using System.Diagnostics;
using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Backends.OnnxRuntime.Benchmarking;

/// <summary>
/// Measures several models' latencies fairly on a machine whose load changes: every model gets its own session
/// with the same options (threads, optimisation level, provider) in one process, and the timed runs alternate
/// between models (A B C A B C ...), so a burst of load from elsewhere slows every model alike instead of only
/// the one that happened to run then. Ratios of the results are the trustworthy numbers.
/// </summary>
public sealed record InterleavedBenchmark
{
    /// <summary>Untimed runs of each model before the first timed round.</summary>
    public int Warmup { get; init; } = 5;

    /// <summary>Timed rounds; each round runs every model once.</summary>
    public int Rounds { get; init; } = 30;

    public InputGenerator Inputs { get; init; } = new();

    public OrtRunOptions RunOptions { get; init; } = OrtRunOptions.Default;

    public ProviderRequest Provider { get; init; } = ProviderRequest.Cpu;

    /// <summary>One result per model, in the order given; each model's runs count is <see cref="Rounds"/>.</summary>
    public IReadOnlyList<BenchmarkResult> Run(IReadOnlyList<string> modelPaths)
    {
        if (Warmup < 0 || Rounds < 1)
        {
            throw new ArgumentException($"warmup must be 0 or more and rounds at least 1, not {Warmup} and {Rounds}");
        }

        var sessions = new List<Session>(modelPaths.Count);
        try
        {
            foreach (var path in modelPaths)
            {
                var model = ModelReader.Load(path);
                var inputs = Inputs.Generate(model);
                var runner = new OrtRunner(path, RunOptions, Provider);
                sessions.Add(new Session(Path.GetFileName(path), runner, new PreparedInputs(inputs), inputs.ToDictionary(p => p.Key, p => p.Value.DimsArray())));
            }

            foreach (var session in sessions)
            {
                for (int i = 0; i < Warmup; i++)
                {
                    session.Runner.RunDiscardingOutputs(session.Inputs);
                }
            }

            var latencies = sessions.Select(_ => new double[Rounds]).ToList();
            for (int round = 0; round < Rounds; round++)
            {
                for (int m = 0; m < sessions.Count; m++)
                {
                    long start = Stopwatch.GetTimestamp();
                    sessions[m].Runner.RunDiscardingOutputs(sessions[m].Inputs);
                    latencies[m][round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }

            return sessions.Select((s, m) =>
            {
                double seconds = latencies[m].Sum() / 1000;
                return new BenchmarkResult(s.Name, s.Runner.Selection, Warmup, Rounds, s.Shapes, LatencyStatistics.From(latencies[m]), Rounds / seconds, seconds);
            }).ToList();
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Inputs.Dispose();
                session.Runner.Dispose();
            }
        }
    }

    private sealed record Session(string Name, OrtRunner Runner, PreparedInputs Inputs, IReadOnlyDictionary<string, long[]> Shapes);
}
