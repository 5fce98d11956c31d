namespace OnnxOpt.Backends.OnnxRuntime.Vision;

/// <summary>
/// Greedy non-maximum suppression, per class as Ultralytics does it: boxes are visited by falling score and a
/// box is dropped when it overlaps an already kept box of the same class by more than the IoU threshold.
/// </summary>
public static class Nms
{
    public static IReadOnlyList<Detection> Apply(IEnumerable<Detection> candidates, float iouThreshold, int maxDetections = 300)
    {
        var kept = new List<Detection>();
        foreach (var candidate in candidates.OrderByDescending(d => d.Score))
        {
            if (kept.Count >= maxDetections)
            {
                break;
            }

            if (!kept.Any(k => k.ClassId == candidate.ClassId && k.Iou(candidate) > iouThreshold))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}
