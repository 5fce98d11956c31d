namespace OnnxOpt.Evaluation.Metrics;

/// <summary>
/// Precision and recall as Ultralytics reports them: per class, precision and recall as functions of the confidence
/// threshold on a 1000-point grid over [0, 1] (at IoU 0.5); the mean F1 over classes is smoothed with a box filter of
/// a tenth of the grid, and every class's precision and recall are read at the confidence where it peaks.
/// </summary>
internal static class BestF1
{
    private const int GridPoints = 1000;

    /// <returns>The chosen confidence, and precision and recall of each given class there.</returns>
    public static (double Confidence, double[] Precision, double[] Recall) Find(IReadOnlyList<ClassResult> classes)
    {
        if (classes.Count == 0)
        {
            return (0, [], []);
        }

        var grid = CocoEvaluationOptions.Linspace(0, 1, GridPoints);
        var precision = new double[classes.Count][];
        var recall = new double[classes.Count][];
        var meanF1 = new double[GridPoints];
        for (int c = 0; c < classes.Count; c++)
        {
            (precision[c], recall[c]) = Curves(classes[c], grid);
            for (int k = 0; k < GridPoints; k++)
            {
                double p = precision[c][k], r = recall[c][k];
                meanF1[k] += 2 * p * r / (p + r + 1e-16) / classes.Count;
            }
        }

        int best = ArgMax(Smooth(meanF1, 0.1));
        return (grid[best], precision.Select(p => p[best]).ToArray(), recall.Select(r => r[best]).ToArray());
    }

    /// <summary>Precision (1 where no detection is left) and recall of the detections scoring at least each grid value.</summary>
    private static (double[] Precision, double[] Recall) Curves(ClassResult result, double[] grid)
    {
        var precision = new double[grid.Length];
        var recall = new double[grid.Length];
        var scores = result.SortedScores;
        int positives = result.Positives[0];
        int rank = 0, tp = 0;
        for (int k = grid.Length - 1; k >= 0; k--)
        {
            while (rank < scores.Length && scores[rank] >= grid[k])
            {
                tp += result.TruePositive[rank] ? 1 : 0;
                rank++;
            }

            precision[k] = rank == 0 ? 1 : (double)tp / rank;
            recall[k] = (double)tp / positives;
        }

        return (precision, recall);
    }

    /// <summary>Ultralytics' <c>smooth</c>: a box filter of odd width round(n·f·2)//2+1, edges padded with the end values.</summary>
    private static double[] Smooth(double[] values, double fraction)
    {
        int width = ((int)Math.Round(values.Length * fraction * 2, MidpointRounding.ToEven) / 2) + 1;
        int half = width / 2;
        var smoothed = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double sum = 0;
            for (int j = i - half; j <= i + half; j++)
            {
                sum += values[Math.Clamp(j, 0, values.Length - 1)];
            }

            smoothed[i] = sum / width;
        }

        return smoothed;
    }

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
