using OnnxOpt.Backends.OnnxRuntime.Providers;

namespace OnnxOpt.Backends.OnnxRuntime.Benchmarking;

/// <summary>
/// One benchmark of a model in ONNX Runtime: where it ran, how many untimed and timed runs, the latency
/// statistics and the throughput (timed runs divided by the wall time of the timed loop).
/// </summary>
public sealed record BenchmarkResult(
    string Model,
    ProviderSelection Provider,
    int Warmup,
    int Runs,
    IReadOnlyDictionary<string, long[]> InputShapes,
    LatencyStatistics Latency,
    double ThroughputPerSecond,
    double TotalSeconds);
