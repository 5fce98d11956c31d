namespace OnnxOpt.Evaluation.Decoding;

/// <summary>
/// Greedy non-maximum suppression as Ultralytics runs it (torchvision's <c>batched_nms</c>): boxes are visited by
/// falling score and a box is dropped when its IoU with an already kept box of the same class (or any class when
/// agnostic) is above the threshold; the first <c>maxDetections</c> kept boxes are the result.
/// </summary>
public static class Nms
{
    public static IReadOnlyList<Detection> Apply(IEnumerable<Detection> candidates, float iouThreshold = 0.7f, int maxDetections = 300, bool classAgnostic = false)
    {
        // A stable sort keeps equal scores in input order, so the result does not depend on the sort's whims.
        var ordered = candidates.OrderByDescending(d => d.Score).ToList();
        var keptByClass = new Dictionary<int, List<Detection>>();
        var kept = new List<Detection>();
        foreach (var candidate in ordered)
        {
            if (kept.Count >= maxDetections)
            {
                break;
            }

            int key = classAgnostic ? 0 : candidate.ClassId;
            if (!keptByClass.TryGetValue(key, out var same))
            {
                keptByClass[key] = same = [];
            }

            if (!Overlaps(same, candidate, iouThreshold))
            {
                same.Add(candidate);
                kept.Add(candidate);
            }
        }

        return kept;
    }

    /// <summary>True when <paramref name="candidate"/> overlaps one of <paramref name="kept"/> by more than the threshold.</summary>
    internal static bool Overlaps(List<Detection> kept, Detection candidate, float iouThreshold)
    {
        foreach (var k in kept)
        {
            if (k.Iou(candidate) > iouThreshold)
            {
                return true;
            }
        }

        return false;
    }
}
