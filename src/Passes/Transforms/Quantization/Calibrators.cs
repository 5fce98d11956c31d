namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>Chooses the quantization range of one activation from its calibration statistics.</summary>
public static class Calibrators
{
    /// <summary>The histogram size the histogram-based calibrators ask for (TensorRT's entropy calibrator uses 2048).</summary>
    public const int HistogramBins = 2048;

    public static bool NeedsHistogram(CalibrationMethod method) => method != CalibrationMethod.MinMax;

    /// <summary>
    /// The range to quantize <paramref name="statistics"/> over. <paramref name="symmetric"/> targets (zero point 0)
    /// get a range symmetric around zero; asymmetric ones keep the observed sign structure.
    /// </summary>
    public static ActivationRange Range(TensorStatistics statistics, CalibrationMethod method, bool symmetric, double percentile = 99.99)
    {
        var observed = new ActivationRange(statistics.Min, statistics.Max);
        if (float.IsInfinity(observed.Min))
        {
            return new ActivationRange(0, 0);
        }

        var range = method switch
        {
            CalibrationMethod.MinMax => observed,
            CalibrationMethod.Percentile => PercentileCalibrator.Range(Hist(statistics, method), percentile, symmetric),
            CalibrationMethod.Entropy => ClipSymmetric(observed, EntropyCalibrator.Threshold(AbsoluteHistogram.From(Hist(statistics, method)))),
            CalibrationMethod.Mse => MseCalibrator.Range(Hist(statistics, method), symmetric),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
        return symmetric ? new ActivationRange(-range.AbsMax, range.AbsMax) : range;
    }

    private static TensorStatistics Hist(TensorStatistics statistics, CalibrationMethod method) =>
        statistics.Histogram is null ? throw new InvalidOperationException($"calibrator {method} needs a histogram") : statistics;

    private static ActivationRange ClipSymmetric(ActivationRange observed, float threshold) =>
        new(Math.Max(observed.Min, -threshold), Math.Min(observed.Max, threshold));
}
