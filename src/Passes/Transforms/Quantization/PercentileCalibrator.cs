namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Clips at a percentile: asymmetric ranges keep the values
/// between the (100-p)-th and p-th percentiles; symmetric ranges keep p % of the magnitudes.
/// </summary>
public static class PercentileCalibrator
{
    public static ActivationRange Range(TensorStatistics statistics, double percentile, bool symmetric)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        double fraction = percentile / 100;
        if (symmetric)
        {
            var absolute = AbsoluteHistogram.From(statistics);
            int bin = UpperBin(absolute.Counts, fraction);
            float threshold = (bin + 1) * absolute.BinWidth;
            return new ActivationRange(-threshold, threshold);
        }

        var counts = statistics.Histogram!.Select(c => (double)c).ToArray();
        int upper = UpperBin(counts, fraction);
        int lower = LowerBin(counts, fraction);
        float width = statistics.BinWidth;
        return new ActivationRange(
            Math.Max(statistics.Min, statistics.HistogramMin + (lower * width)),
            Math.Min(statistics.Max, statistics.HistogramMin + ((upper + 1) * width)));
    }

    /// <summary>The first bin at which the cumulative count reaches <paramref name="fraction"/> of the total.</summary>
    private static int UpperBin(double[] counts, double fraction)
    {
        double total = counts.Sum(), running = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            running += counts[i];
            if (running >= fraction * total)
            {
                return i;
            }
        }

        return counts.Length - 1;
    }

    /// <summary>The last bin at which the count from the top reaches <paramref name="fraction"/> of the total.</summary>
    private static int LowerBin(double[] counts, double fraction)
    {
        double total = counts.Sum(), running = 0;
        for (int i = counts.Length - 1; i >= 0; i--)
        {
            running += counts[i];
            if (running >= fraction * total)
            {
                return i;
            }
        }

        return 0;
    }
}
