namespace OnnxOpt.Evaluation.Metrics;

/// <summary>The accumulated result for one class.</summary>
/// <param name="ClassId">The class's index.</param>
/// <param name="Images">Images with an object or a detection of the class.</param>
/// <param name="Detections">Detections of the class that took part.</param>
/// <param name="Positives">Non-crowd objects of the class, per area range.</param>
/// <param name="AveragePrecision">[area][threshold] AP (101-point interpolated), or -1 when no object of the class counts in that area.</param>
/// <param name="FinalRecall">Recall at each threshold with all detections (area all).</param>
/// <param name="SortedScores">The class's detections by falling score that count at IoU 0.5 (area all), for the F1 curve.</param>
/// <param name="TruePositive">Whether each of <paramref name="SortedScores"/> is a match at IoU 0.5.</param>
/// <param name="AverageRecall">[area][k] recall averaged over the IoU thresholds when each image keeps its best <c>RecallCuts</c>[k] detections, or -1 when no object of the class counts in that area.</param>
internal sealed record ClassResult(int ClassId, int Images, int Detections, int[] Positives, double[][] AveragePrecision, double[] FinalRecall, float[] SortedScores, bool[] TruePositive, double[][] AverageRecall);

/// <summary>pycocotools' <c>accumulate</c> for one class: rank detections by score, build precision/recall, interpolate, sample.</summary>
internal static class PrecisionAccumulator
{
    private const double Epsilon = 2.220446049250313e-16; // np.spacing(1)

    public static ClassResult Accumulate(ClassMatches matches, CocoEvaluationOptions options)
    {
        int n = matches.Scores.Count;
        var scores = matches.Scores.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = new float[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);

        // groupEnd[k]: the last rank with the same score as rank k; precision and recall are read there.
        var groupEnd = new int[n];
        for (int k = n - 1; k >= 0; k--)
        {
            groupEnd[k] = k + 1 < n && keys[k + 1] == keys[k] ? groupEnd[k + 1] : k;
        }

        var thresholds = options.IouThresholds;
        var recallPoints = CocoEvaluationOptions.RecallThresholds;
        int areaCount = matches.Positives.Length;
        var ap = new double[areaCount][];
        var finalRecall = new double[thresholds.Count];
        var recall = new double[n];
        var precision = new double[n];
        for (int a = 0; a < areaCount; a++)
        {
            ap[a] = new double[thresholds.Count];
            int positives = matches.Positives[a];
            if (positives == 0)
            {
                Array.Fill(ap[a], -1);
                continue;
            }

            var matched = matches.Matched[a];
            var ignored = matches.Ignored[a];
            for (int t = 0; t < thresholds.Count; t++)
            {
                int bit = 1 << t;
                double tp = 0, fp = 0;
                for (int k = 0; k < n; k++)
                {
                    int i = order[k];
                    if ((ignored[i] & bit) == 0)
                    {
                        if ((matched[i] & bit) != 0)
                        {
                            tp++;
                        }
                        else
                        {
                            fp++;
                        }
                    }

                    recall[k] = tp / positives;
                    precision[k] = tp / (tp + fp + Epsilon);
                }

                for (int k = 0; k < n; k++)
                {
                    recall[k] = recall[groupEnd[k]];
                    precision[k] = precision[groupEnd[k]];
                }

                if (a == 0)
                {
                    finalRecall[t] = n > 0 ? recall[n - 1] : 0;
                }

                ap[a][t] = InterpolatedAp(recall.AsSpan(0, n), precision.AsSpan(0, n), recallPoints);
            }
        }

        var (sortedScores, truePositive) = CountingAtFirstThreshold(matches, order, scores);
        var averageRecall = AverageRecall(matches, options);
        return new ClassResult(matches.ClassId, matches.Images, n, matches.Positives, ap, finalRecall, sortedScores, truePositive, averageRecall);
    }

    /// <summary>
    /// The detections kept per image for COCO's AR@1, AR@10 and AR@maxDets (pycocotools' maxDets [1, 10, 100]),
    /// each capped at <paramref name="maxDetections"/>.
    /// </summary>
    public static int[] RecallCuts(int maxDetections) => [Math.Min(1, maxDetections), Math.Min(10, maxDetections), maxDetections];

    /// <summary>
    /// pycocotools' recall for each maxDets: the matches made with all maxDets[-1] detections, counted only for each
    /// image's first k (so the top detection's match is the one it made among all of them), over the objects that
    /// count; averaged over the IoU thresholds. [area][k].
    /// </summary>
    private static double[][] AverageRecall(ClassMatches matches, CocoEvaluationOptions options)
    {
        var cuts = RecallCuts(options.MaxDetections);
        int thresholds = options.IouThresholds.Count;
        var result = new double[matches.Positives.Length][];
        for (int a = 0; a < result.Length; a++)
        {
            result[a] = new double[cuts.Length];
            int positives = matches.Positives[a];
            if (positives == 0)
            {
                Array.Fill(result[a], -1);
                continue;
            }

            var matched = matches.Matched[a];
            var ignored = matches.Ignored[a];
            for (int k = 0; k < cuts.Length; k++)
            {
                long hits = 0;
                for (int i = 0; i < matched.Count; i++)
                {
                    if (matches.Ranks[i] < cuts[k])
                    {
                        hits += System.Numerics.BitOperations.PopCount((uint)(matched[i] & ~ignored[i] & ((1 << thresholds) - 1)));
                    }
                }

                result[a][k] = (double)hits / positives / thresholds;
            }
        }

        return result;
    }

    /// <summary>Makes precision monotone from the right, then samples it at the first rank reaching each recall point (0 beyond the last).</summary>
    private static double InterpolatedAp(ReadOnlySpan<double> recall, Span<double> precision, IReadOnlyList<double> recallPoints)
    {
        for (int k = precision.Length - 1; k > 0; k--)
        {
            if (precision[k] > precision[k - 1])
            {
                precision[k - 1] = precision[k];
            }
        }

        double sum = 0;
        int rank = 0;
        foreach (double point in recallPoints)
        {
            while (rank < recall.Length && recall[rank] < point)
            {
                rank++;
            }

            if (rank >= recall.Length)
            {
                break;
            }

            sum += precision[rank];
        }

        return sum / recallPoints.Count;
    }

    private static (float[] Scores, bool[] TruePositive) CountingAtFirstThreshold(ClassMatches matches, int[] order, float[] scores)
    {
        var matched = matches.Matched[0];
        var ignored = matches.Ignored[0];
        var kept = new List<int>(order.Length);
        foreach (int i in order)
        {
            if ((ignored[i] & 1) == 0)
            {
                kept.Add(i);
            }
        }

        return (kept.Select(i => scores[i]).ToArray(), kept.Select(i => (matched[i] & 1) != 0).ToArray());
    }
}
