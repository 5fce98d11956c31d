namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>
/// One timing line of trtexec's performance summary, in milliseconds. Percentiles are keyed "p90", "p95", "p99":
/// TensorRT 8.2 prints one (99% by default), later releases print 90, 95 and 99.
/// </summary>
public sealed record TimingStatistics(double MinMs, double MaxMs, double MeanMs, double MedianMs, IReadOnlyDictionary<string, double> Percentiles)
{
    public double? P99Ms => Percentiles.TryGetValue("p99", out double v) ? v : null;
}
