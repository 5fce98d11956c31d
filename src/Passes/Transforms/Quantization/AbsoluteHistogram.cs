namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// A histogram of |x| over [0, max|x|] with as many bins as the signed histogram it is folded from: each signed bin
/// moves whole into the bin holding the magnitude of its centre.
/// </summary>
public sealed record AbsoluteHistogram(double[] Counts, float BinWidth)
{
    public static AbsoluteHistogram From(TensorStatistics statistics)
    {
        var source = statistics.Histogram!;
        float absMax = Math.Max(Math.Abs(statistics.HistogramMin), Math.Abs(statistics.HistogramMax));
        var counts = new double[source.Length];
        float width = absMax / source.Length;
        if (absMax == 0)
        {
            counts[0] = source.Sum();
            return new AbsoluteHistogram(counts, 1e-6f);
        }

        for (int i = 0; i < source.Length; i++)
        {
            float centre = statistics.HistogramMin + ((i + 0.5f) * statistics.BinWidth);
            int bin = Math.Min(counts.Length - 1, (int)(Math.Abs(centre) / width));
            counts[bin] += source[i];
        }

        return new AbsoluteHistogram(counts, width);
    }
}
