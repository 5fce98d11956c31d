using OnnxOpt.Passes.Transforms.Quantization;
using Xunit;

namespace OnnxOpt.Passes.Tests.Quantization;

public sealed class CalibratorTests
{
    [Fact]
    public void MinMax_is_the_observed_range_and_symmetric_targets_mirror_it()
    {
        var statistics = TensorStatistics.FromValues([-0.5f, 2f, 1f]);
        Assert.Equal(new ActivationRange(-0.5f, 2f), Calibrators.Range(statistics, CalibrationMethod.MinMax, symmetric: false));
        Assert.Equal(new ActivationRange(-2f, 2f), Calibrators.Range(statistics, CalibrationMethod.MinMax, symmetric: true));
    }

    [Fact]
    public void Statistics_stream_over_samples_and_bin_into_the_fixed_range()
    {
        var statistics = new TensorStatistics();
        statistics.ObserveRange([0f, 1f]);
        statistics.ObserveRange([3f, 4f]);
        statistics.StartHistogram(4);
        statistics.ObserveHistogram([0f, 1f]);
        statistics.ObserveHistogram([3f, 4f, 5f]);

        // Bins of width 1 over [0, 4]: 0 -> bin 0, 1 -> bin 1, 3 -> bin 3, 4 and 5 clamp into the last bin.
        Assert.Equal([1L, 1, 0, 3], statistics.Histogram!);
        Assert.Equal(4, statistics.Count);
    }

    [Fact]
    public void Percentile_clips_at_the_hand_computed_bins()
    {
        // 0 and 1000 plus 0.5, 1.5, ..., 999.5 in 1000 bins of width 1 over [0, 1000]: bins 0 and 999 hold two values,
        // the others one; 1002 in all. 99% is 991.98 values: counting up, bin i closes at i + 2, first reaching it at
        // bin 990 (upper edge 991); counting down, bin j closes at 1001 - j, reaching it at bin 9 (lower edge 9).
        var values = Enumerable.Range(0, 1000).Select(i => i + 0.5f).Append(0f).Append(1000f).ToArray();
        var statistics = TensorStatistics.FromValues(values, bins: 1000);
        var range = PercentileCalibrator.Range(statistics, 99, symmetric: false);
        Assert.Equal(9f, range.Min, 3);
        Assert.Equal(991f, range.Max, 3);
    }

    [Fact]
    public void Percentile_symmetric_keeps_p_percent_of_the_magnitudes()
    {
        // ±0.5, ..., ±99.5 and ±100 in 200 signed bins of width 1; folded to 200 magnitude bins of width 0.5, magnitude
        // k + 0.5 lands in bin 2k + 1 with two values (k = 99 with four). 90% of 202 is 181.8: reached after k = 90,
        // bin 181, whose upper edge is 91.
        var values = Enumerable.Range(0, 100).SelectMany(i => new[] { i + 0.5f, -(i + 0.5f) }).Append(100f).Append(-100f).ToArray();
        var statistics = TensorStatistics.FromValues(values, bins: 200);
        var range = PercentileCalibrator.Range(statistics, 90, symmetric: true);
        Assert.Equal(91f, range.Max, 3);
        Assert.Equal(-91f, range.Min, 3);
    }

    [Fact]
    public void Entropy_keeps_the_full_range_of_a_uniform_distribution()
    {
        var values = Enumerable.Range(0, 2048 * 4).Select(i => (i + 0.5f) / 4).ToArray();
        var statistics = TensorStatistics.FromValues(values, bins: 2048);
        float threshold = EntropyCalibrator.Threshold(AbsoluteHistogram.From(statistics));
        Assert.InRange(threshold, 2048 * 0.95f, 2048.01f);
    }

    [Fact]
    public void Entropy_clips_a_lone_outlier_far_beyond_the_bulk()
    {
        // Ten thousand standard-normal values and one at 100: bins are 100/2048 wide, so the bulk (|x| < 5) sits in
        // the first ~100 bins. Clipping at bin 128 (t = 100 * 128 / 2048 = 6.25) represents the bulk bin for bin and
        // pays only for the folded outlier; every wider threshold merges bulk bins and distorts its shape more.
        var random = new Random(3);
        var values = Enumerable.Range(0, 10000)
            .Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .Append(100f).ToArray();
        var statistics = TensorStatistics.FromValues(values, bins: 2048);
        float threshold = EntropyCalibrator.Threshold(AbsoluteHistogram.From(statistics));
        Assert.Equal(6.25f, threshold, 2);
        var range = Calibrators.Range(statistics, CalibrationMethod.Entropy, symmetric: false);
        Assert.Equal(6.25f, range.Max, 2);
        Assert.Equal(statistics.Min, range.Min);
    }

    [Fact]
    public void Mse_shrinks_the_range_when_an_outlier_costs_less_than_the_resolution_it_buys()
    {
        // Two million values spread over [0, 1] and one at 50. Clipping at m costs the outlier (50 - m)^2 and leaves
        // the bulk a rounding error of N * (m / 255)^2 / 12 = 2.563 m^2; the sum is smallest at m = 50 / 3.563 = 14.
        var values = Enumerable.Range(0, 2_000_000).Select(i => i / 2_000_000f).Append(50f).ToArray();
        var statistics = TensorStatistics.FromValues(values, bins: 2048);
        var range = MseCalibrator.Range(statistics, symmetric: false);
        Assert.InRange(range.Max, 11f, 17f);

        // Ten thousand values: the bulk error is only 0.0128 m^2, the optimum m = 50 / 1.0128 = 49.4 barely clips,
        // and the grid of 1% steps lands on 49.5.
        var few = TensorStatistics.FromValues(Enumerable.Range(0, 10_000).Select(i => i / 10_000f).Append(50f).ToArray(), bins: 2048);
        Assert.Equal(49.5f, MseCalibrator.Range(few, symmetric: false).Max, 3);
    }

    [Fact]
    public void Histogram_calibrators_need_a_histogram()
    {
        var statistics = TensorStatistics.FromValues([1f, 2f]);
        Assert.Throws<InvalidOperationException>(() => Calibrators.Range(statistics, CalibrationMethod.Entropy, symmetric: false));
        Assert.True(Calibrators.NeedsHistogram(CalibrationMethod.Mse));
        Assert.False(Calibrators.NeedsHistogram(CalibrationMethod.MinMax));
    }
}
