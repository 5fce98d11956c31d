namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Picks the clipping range with the smallest expected squared error of 8-bit quantize-dequantize over the
/// histogram (bin centres weighted by their counts): the observed range shrunk by factors 1, 0.99, ..., 0.01.
/// </summary>
public static class MseCalibrator
{
    public const int Steps = 100;

    public static ActivationRange Range(TensorStatistics statistics, bool symmetric)
    {
        var histogram = statistics.Histogram!;
        var full = symmetric
            ? new ActivationRange(-new ActivationRange(statistics.Min, statistics.Max).AbsMax, new ActivationRange(statistics.Min, statistics.Max).AbsMax)
            : new ActivationRange(statistics.Min, statistics.Max);
        var best = full;
        double bestError = double.PositiveInfinity;
        for (int step = Steps; step >= 1; step--)
        {
            float factor = step / (float)Steps;
            var candidate = new ActivationRange(full.Min * factor, full.Max * factor);
            var parameters = QuantParameters.FromRange(candidate, symmetric ? QuantType.Int8 : QuantType.UInt8);
            double error = 0;
            for (int i = 0; i < histogram.Length; i++)
            {
                if (histogram[i] == 0)
                {
                    continue;
                }

                float centre = statistics.HistogramMin + ((i + 0.5f) * statistics.BinWidth);
                float difference = centre - parameters.Dequantize(parameters.Quantize(centre));
                error += histogram[i] * (double)difference * difference;
            }

            if (error < bestError)
            {
                bestError = error;
                best = candidate;
            }
        }

        return best;
    }
}
