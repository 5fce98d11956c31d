using OnnxOpt.Evaluation.Decoding;

namespace OnnxOpt.Evaluation.Metrics;

/// <summary>
/// COCO box evaluation as pycocotools' <c>COCOeval</c> (iouType bbox) defines it. Per image and class, detections
/// (highest score first, at most maxDets) are matched greedily to the unmatched object of best IoU at each IoU
/// threshold, preferring objects that count over ignored ones (crowds, objects outside the size range); a crowd
/// absorbs any number of detections, with IoU measured against the detection's own area. Detections matched to an
/// ignored object, or unmatched and outside the size range, are ignored. Per class the detections of all images
/// are ranked by score; precision is made monotone and sampled at 101 recall points; AP is their mean.
/// Two choices make the result independent of input order where pycocotools depends on it: detections of equal
/// score in one image are matched in a fixed order of their boxes, and precision/recall are read only after a
/// whole group of equal scores (see docs/evaluation.md).
/// </summary>
public static class CocoEvaluator
{
    /// <param name="truths">Objects of each image, in pixels.</param>
    /// <param name="detections">Detections of each image, in the same pixels; <c>detections[i]</c> belongs to <c>truths[i]</c>.</param>
    /// <param name="classNames">Class names by index, for the per-class table; classes beyond it are named by index.</param>
    /// <param name="options">IoU thresholds, area ranges and maximum detections; null: COCO's.</param>
    public static DetectionMetrics Evaluate(IReadOnlyList<IReadOnlyList<GroundTruthBox>> truths, IReadOnlyList<IReadOnlyList<Detection>> detections, IReadOnlyList<string> classNames, CocoEvaluationOptions? options = null)
    {
        options ??= CocoEvaluationOptions.Default;
        if (truths.Count != detections.Count)
        {
            throw new ArgumentException($"{truths.Count} images of labels but {detections.Count} of detections", nameof(detections));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDetections, 1);
        int classCount = ClassCount(truths, detections, classNames.Count);
        var dts = ClassBuckets.FromDetections(detections, classCount);
        var gts = ClassBuckets.FromTruths(truths, classCount);
        var results = new ClassResult[classCount];
        Parallel.For(0, classCount, c => results[c] = EvaluateClass(dts, gts, c, options));
        return Summarize(results, classNames, truths.Count, options);
    }

    private static int ClassCount(IReadOnlyList<IReadOnlyList<GroundTruthBox>> truths, IReadOnlyList<IReadOnlyList<Detection>> detections, int named)
    {
        int max = named - 1;
        foreach (var image in truths)
        {
            foreach (var t in image)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(t.ClassId, nameof(truths));
                max = Math.Max(max, t.ClassId);
            }
        }

        foreach (var image in detections)
        {
            foreach (var d in image)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(d.ClassId, nameof(detections));
                max = Math.Max(max, d.ClassId);
            }
        }

        return max + 1;
    }

    private static ClassResult EvaluateClass(ClassBuckets dts, ClassBuckets gts, int classId, CocoEvaluationOptions options)
    {
        var matches = ImageMatcher.MatchClass(classId, dts.Of(classId), gts.Of(classId), options);
        return PrecisionAccumulator.Accumulate(matches, options);
    }

    private static DetectionMetrics Summarize(ClassResult[] results, IReadOnlyList<string> classNames, int imageCount, CocoEvaluationOptions options)
    {
        var thresholds = options.IouThresholds;
        int t50 = NearestIndex(thresholds, 0.5), t75 = NearestIndex(thresholds, 0.75);
        var withObjects = results.Where(r => r.Positives[0] > 0).ToList();
        var (confidence, precision, recall) = BestF1.Find(withObjects);
        double MeanOverClasses(int area, Func<double[], double> pick)
        {
            var valid = results.Where(r => r.Positives[area] > 0).ToList();
            return valid.Count == 0 ? -1 : valid.Average(r => pick(r.AveragePrecision[area]));
        }

        var perClass = new List<ClassMetrics>();
        for (int i = 0; i < withObjects.Count; i++)
        {
            var r = withObjects[i];
            string name = r.ClassId < classNames.Count ? classNames[r.ClassId] : $"class{r.ClassId}";
            perClass.Add(new ClassMetrics(r.ClassId, name, r.Images, r.Positives[0], r.Detections, r.AveragePrecision[0].Average(), r.AveragePrecision[0][t50], r.AveragePrecision[0][t75], precision[i], recall[i]));
        }

        double MeanRecall(int area, int cut)
        {
            var valid = results.Where(r => r.Positives[area] > 0).ToList();
            return valid.Count == 0 ? -1 : valid.Average(r => r.AverageRecall[area][cut]);
        }

        var recalls = new AverageRecallMetrics(MeanRecall(0, 0), MeanRecall(0, 1), MeanRecall(0, 2), MeanRecall(1, 2), MeanRecall(2, 2), MeanRecall(3, 2));
        double meanP = precision.Length == 0 ? 0 : precision.Average(), meanR = recall.Length == 0 ? 0 : recall.Average();
        double f1 = precision.Length == 0 ? 0 : precision.Zip(recall, (p, q) => 2 * p * q / (p + q + 1e-16)).Average();
        return new DetectionMetrics(
            MeanOverClasses(0, ap => ap.Average()),
            MeanOverClasses(0, ap => ap[t50]),
            MeanOverClasses(0, ap => ap[t75]),
            MeanOverClasses(1, ap => ap.Average()),
            MeanOverClasses(2, ap => ap.Average()),
            MeanOverClasses(3, ap => ap.Average()),
            withObjects.Count == 0 ? -1 : withObjects.Average(r => r.FinalRecall.Average()),
            meanP,
            meanR,
            f1,
            confidence,
            imageCount,
            withObjects.Sum(r => r.Positives[0]),
            perClass,
            recalls);
    }

    private static int NearestIndex(IReadOnlyList<double> values, double target)
    {
        int best = 0;
        for (int i = 1; i < values.Count; i++)
        {
            if (Math.Abs(values[i] - target) < Math.Abs(values[best] - target))
            {
                best = i;
            }
        }

        return best;
    }
}
