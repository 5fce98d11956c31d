using System.Numerics.Tensors;

namespace OnnxOpt.Backends.OnnxRuntime.Benchmarking;

/// <summary>
/// Summary of per-run latencies in milliseconds. The median of an even count is the mean of the two middle
/// runs; p90 is the nearest-rank percentile (the smallest latency that at least 90% of runs do not exceed).
/// </summary>
public sealed record LatencyStatistics(int Count, double MinMs, double MedianMs, double P90Ms, double MaxMs, double MeanMs)
{
    public static LatencyStatistics From(IReadOnlyCollection<double> latenciesMs)
    {
        if (latenciesMs.Count == 0)
        {
            throw new ArgumentException("no latencies to summarise", nameof(latenciesMs));
        }

        double[] sorted = [.. latenciesMs];
        Array.Sort(sorted);
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new LatencyStatistics(n, sorted[0], median, NearestRank(sorted, 90), sorted[^1], TensorPrimitives.Sum<double>(sorted) / n);
    }

    /// <summary>The nearest-rank percentile of ascending data.</summary>
    public static double NearestRank(IReadOnlyList<double> ascending, double percentile)
    {
        int rank = (int)Math.Ceiling(percentile / 100 * ascending.Count);
        return ascending[Math.Clamp(rank - 1, 0, ascending.Count - 1)];
    }
}
