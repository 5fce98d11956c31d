namespace OnnxOpt.Evaluation.Metrics;

/// <summary>What matching found for the detections of one class over all images, per area range and IoU threshold.</summary>
internal sealed class ClassMatches(int classId, int areaCount, int capacity)
{
    public int ClassId { get; } = classId;

    public List<float> Scores { get; } = new(capacity);

    /// <summary>Per detection: its rank among its image's detections of the class (0 = highest score), for AR@k.</summary>
    public List<int> Ranks { get; } = new(capacity);

    /// <summary>Per area range, per detection: bit t set when the detection matched an object at threshold t.</summary>
    public List<ushort>[] Matched { get; } = Enumerable.Range(0, areaCount).Select(_ => new List<ushort>(capacity)).ToArray();

    /// <summary>Per area range, per detection: bit t set when the detection is ignored at threshold t.</summary>
    public List<ushort>[] Ignored { get; } = Enumerable.Range(0, areaCount).Select(_ => new List<ushort>(capacity)).ToArray();

    /// <summary>Objects that count (not crowd, inside the area range), per area range.</summary>
    public int[] Positives { get; } = new int[areaCount];

    /// <summary>Images with at least one object of the class that counts.</summary>
    public int Images { get; set; }
}

/// <summary>pycocotools' <c>evaluateImg</c> for one class: greedy matching of score-ranked detections to objects, image by image.</summary>
internal static class ImageMatcher
{
    private static readonly Comparison<EvalBox> ScoreThenBox = static (a, b) =>
    {
        int c = b.Score.CompareTo(a.Score);
        if (c != 0)
        {
            return c;
        }

        c = a.X1.CompareTo(b.X1);
        c = c != 0 ? c : a.Y1.CompareTo(b.Y1);
        c = c != 0 ? c : a.X2.CompareTo(b.X2);
        return c != 0 ? c : a.Y2.CompareTo(b.Y2);
    };

    public static ClassMatches MatchClass(int classId, ReadOnlyMemory<EvalBox> detections, ReadOnlyMemory<EvalBox> truths, CocoEvaluationOptions options)
    {
        var areas = CocoEvaluationOptions.AreaRanges;
        var result = new ClassMatches(classId, areas.Count, Math.Min(detections.Length, 1 << 20));
        var dts = detections.Span;
        var gts = truths.Span;
        int di = 0, gi = 0;
        while (di < dts.Length || gi < gts.Length)
        {
            int image = Math.Min(di < dts.Length ? dts[di].Image : int.MaxValue, gi < gts.Length ? gts[gi].Image : int.MaxValue);
            int dEnd = di, gEnd = gi;
            while (dEnd < dts.Length && dts[dEnd].Image == image)
            {
                dEnd++;
            }

            while (gEnd < gts.Length && gts[gEnd].Image == image)
            {
                gEnd++;
            }

            MatchImage(dts[di..dEnd], gts[gi..gEnd], options, result);
            di = dEnd;
            gi = gEnd;
        }

        return result;
    }

    private static void MatchImage(ReadOnlySpan<EvalBox> imageDetections, ReadOnlySpan<EvalBox> gts, CocoEvaluationOptions options, ClassMatches result)
    {
        var dts = imageDetections.ToArray();
        Array.Sort(dts, ScoreThenBox);
        int d = Math.Min(dts.Length, options.MaxDetections);
        int g = gts.Length;
        var thresholds = options.IouThresholds;
        var areas = CocoEvaluationOptions.AreaRanges;
        var ious = Ious(dts.AsSpan(0, d), gts);
        var gtIgnore = new bool[g];
        var order = new int[g];
        var taken = new bool[g];
        bool anyCounted = false;
        for (int a = 0; a < areas.Count; a++)
        {
            var (_, min, max) = areas[a];
            int counted = 0;
            for (int j = 0; j < g; j++)
            {
                gtIgnore[j] = gts[j].Crowd || gts[j].RangeArea < min || gts[j].RangeArea > max;
                counted += gtIgnore[j] ? 0 : 1;
            }

            result.Positives[a] += counted;
            anyCounted |= a == 0 && counted > 0;

            // Objects that count first, then ignored ones, each in their original order (a stable sort).
            int next = 0;
            for (int j = 0; j < g; j++)
            {
                if (!gtIgnore[j])
                {
                    order[next++] = j;
                }
            }

            for (int j = 0; j < g; j++)
            {
                if (gtIgnore[j])
                {
                    order[next++] = j;
                }
            }

            var matched = new ushort[d];
            var ignored = new ushort[d];
            for (int t = 0; t < thresholds.Count; t++)
            {
                Array.Clear(taken);
                ushort bit = (ushort)(1 << t);
                for (int i = 0; i < d; i++)
                {
                    double best = Math.Min(thresholds[t], 1 - 1e-10);
                    int m = -1;
                    for (int k = 0; k < g; k++)
                    {
                        int j = order[k];
                        if (taken[j] && !gts[j].Crowd)
                        {
                            continue;
                        }

                        // Once a counted object matched, ignored ones (sorted last) may not take the detection.
                        if (m > -1 && !gtIgnore[m] && gtIgnore[j])
                        {
                            break;
                        }

                        double iou = ious[(i * g) + j];
                        if (iou < best)
                        {
                            continue;
                        }

                        best = iou;
                        m = j;
                    }

                    if (m == -1)
                    {
                        continue;
                    }

                    taken[m] = true;
                    matched[i] |= bit;
                    if (gtIgnore[m])
                    {
                        ignored[i] |= bit;
                    }
                }
            }

            // Unmatched detections outside the area range are ignored at every threshold.
            ushort all = (ushort)((1 << thresholds.Count) - 1);
            for (int i = 0; i < d; i++)
            {
                if (dts[i].RangeArea < min || dts[i].RangeArea > max)
                {
                    ignored[i] |= (ushort)(all & ~matched[i]);
                }
            }

            result.Matched[a].AddRange(matched);
            result.Ignored[a].AddRange(ignored);
        }

        for (int i = 0; i < d; i++)
        {
            result.Scores.Add(dts[i].Score);
            result.Ranks.Add(i);
        }

        result.Images += anyCounted ? 1 : 0;
    }

    /// <summary>IoU of every detection with every object, [d, g]; for a crowd the union is the detection's own area.</summary>
    private static double[] Ious(ReadOnlySpan<EvalBox> dts, ReadOnlySpan<EvalBox> gts)
    {
        var ious = new double[dts.Length * gts.Length];
        for (int i = 0; i < dts.Length; i++)
        {
            var dt = dts[i];
            double dtArea = (double)(dt.X2 - dt.X1) * (dt.Y2 - dt.Y1);
            for (int j = 0; j < gts.Length; j++)
            {
                var gt = gts[j];
                double w = Math.Min(dt.X2, gt.X2) - (double)Math.Max(dt.X1, gt.X1);
                double h = Math.Min(dt.Y2, gt.Y2) - (double)Math.Max(dt.Y1, gt.Y1);
                if (w <= 0 || h <= 0)
                {
                    continue;
                }

                double intersection = w * h;
                double union = gt.Crowd ? dtArea : dtArea + ((double)(gt.X2 - gt.X1) * (gt.Y2 - gt.Y1)) - intersection;
                ious[(i * gts.Length) + j] = union > 0 ? intersection / union : 0;
            }
        }

        return ious;
    }
}
