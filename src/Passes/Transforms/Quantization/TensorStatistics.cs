using System.Numerics.Tensors;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Running statistics of one activation over the calibration samples: its minimum and maximum and, once
/// <see cref="StartHistogram"/> fixed the bins over the observed range, a histogram of its values. Memory is the
/// histogram only, however many samples are folded in.
/// </summary>
public sealed class TensorStatistics
{
    public float Min { get; private set; } = float.PositiveInfinity;

    public float Max { get; private set; } = float.NegativeInfinity;

    public long Count { get; private set; }

    /// <summary>Counts per bin over [<see cref="HistogramMin"/>, <see cref="HistogramMax"/>]; null until started.</summary>
    public long[]? Histogram { get; private set; }

    public float HistogramMin { get; private set; }

    public float HistogramMax { get; private set; }

    public float BinWidth => Histogram is null ? 0 : (HistogramMax - HistogramMin) / Histogram.Length;

    /// <summary>Folds one sample's values into the running minimum and maximum.</summary>
    public void ObserveRange(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        Min = Math.Min(Min, TensorPrimitives.Min(values));
        Max = Math.Max(Max, TensorPrimitives.Max(values));
        Count += values.Length;
    }

    /// <summary>Fixes <paramref name="bins"/> equal bins over the range observed so far (a point range is widened slightly).</summary>
    public void StartHistogram(int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (float.IsInfinity(Min))
        {
            (Min, Max) = (0, 0);
        }

        HistogramMin = Min;
        HistogramMax = Max > Min ? Max : Min + 1e-6f;
        Histogram = new long[bins];
    }

    /// <summary>Adds one sample's values to the histogram; values outside the fixed range land in the end bins.</summary>
    public void ObserveHistogram(ReadOnlySpan<float> values)
    {
        var histogram = Histogram ?? throw new InvalidOperationException("StartHistogram first");
        float inverse = histogram.Length / (HistogramMax - HistogramMin);
        float origin = HistogramMin;
        int last = histogram.Length - 1;
        foreach (float v in values)
        {
            int bin = (int)((v - origin) * inverse);
            histogram[bin < 0 ? 0 : bin > last ? last : bin]++;
        }
    }

    /// <summary>Statistics built from known values (tests, and providers that hold the data anyway).</summary>
    public static TensorStatistics FromValues(ReadOnlySpan<float> values, int bins = 0)
    {
        var statistics = new TensorStatistics();
        statistics.ObserveRange(values);
        if (bins > 0)
        {
            statistics.StartHistogram(bins);
            statistics.ObserveHistogram(values);
        }

        return statistics;
    }
}
