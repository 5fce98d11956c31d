namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// TensorRT's entropy calibration: over a histogram of |x|, try every clipping bin i from 128 up, fold the clipped
/// tail into bin i-1 (distribution P), requantize the first i bins to 128 levels and expand them back over their
/// non-empty bins (Q), and keep the threshold whose KL(P || Q) is smallest.
/// </summary>
public static class EntropyCalibrator
{
    public const int Levels = 128;

    /// <summary>The clipping threshold t (|x| is clipped to t): the upper edge of the chosen bin.</summary>
    public static float Threshold(AbsoluteHistogram histogram)
    {
        var counts = histogram.Counts;
        if (counts.Length <= Levels)
        {
            return counts.Length * histogram.BinWidth;
        }

        double bestDivergence = double.PositiveInfinity;
        int best = counts.Length;
        var p = new double[counts.Length];
        var q = new double[counts.Length];
        double tail = counts.Sum();
        for (int i = 0; i < Levels; i++)
        {
            tail -= counts[i];
        }

        for (int i = Levels; i <= counts.Length; i++)
        {
            // tail = sum(counts[i..]) at this point.
            Array.Copy(counts, p, i);
            p[i - 1] += tail;
            Requantize(counts, q, i);
            double divergence = KlDivergence(p, q, i);
            if (divergence < bestDivergence)
            {
                bestDivergence = divergence;
                best = i;
            }

            if (i < counts.Length)
            {
                tail -= counts[i];
            }
        }

        return best * histogram.BinWidth;
    }

    /// <summary>Merges counts[0..i) into <see cref="Levels"/> groups and spreads each group evenly over its non-empty bins.</summary>
    private static void Requantize(double[] counts, double[] q, int i)
    {
        for (int level = 0; level < Levels; level++)
        {
            int start = level * i / Levels, end = (level + 1) * i / Levels;
            double sum = 0;
            int nonEmpty = 0;
            for (int b = start; b < end; b++)
            {
                sum += counts[b];
                nonEmpty += counts[b] > 0 ? 1 : 0;
            }

            for (int b = start; b < end; b++)
            {
                q[b] = counts[b] > 0 ? sum / nonEmpty : 0;
            }
        }
    }

    private static double KlDivergence(double[] p, double[] q, int length)
    {
        double pSum = 0, qSum = 0;
        for (int b = 0; b < length; b++)
        {
            pSum += p[b];
            qSum += q[b];
        }

        if (pSum == 0 || qSum == 0)
        {
            return double.PositiveInfinity;
        }

        double divergence = 0;
        for (int b = 0; b < length; b++)
        {
            if (p[b] == 0)
            {
                continue;
            }

            double pn = p[b] / pSum;

            // The folded tail can fall on a bin Q leaves empty: a small floor keeps the divergence finite but large.
            double qn = q[b] > 0 ? q[b] / qSum : 1e-12;
            divergence += pn * Math.Log(pn / qn);
        }

        return divergence;
    }
}
