using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Comparison;

/// <summary>
/// One model of <see cref="ModelComparison"/>: its size and structure, its latency from the interleaved benchmark,
/// its speed-up against the first model (ratio of median latencies, above 1 is faster) and, when a dataset was
/// given, its COCO metrics.
/// </summary>
public sealed record ModelComparisonRow(
    string Name,
    string Path,
    long FileSize,
    int Nodes,
    double ConvSparsity,
    BenchmarkResult Latency,
    double SpeedUp,
    DetectionMetrics? Metrics);
