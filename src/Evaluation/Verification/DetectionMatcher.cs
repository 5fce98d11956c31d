using OnnxOpt.Evaluation.Decoding;

namespace OnnxOpt.Evaluation.Verification;

/// <summary>
/// Matches a candidate model's detections on one image to the reference model's. Reference detections are visited
/// by falling score; each takes the unmatched candidate detection of the same class with the highest IoU, if that
/// IoU reaches <see cref="DetectionMatchOptions.MinIou"/>. Only detections at or above the confidence must find a
/// partner; partners may score down to confidence - margin (see <see cref="DetectionMatchOptions"/>). The result
/// does not depend on the order the detections come in (ties broken by box coordinates).
/// </summary>
public static class DetectionMatcher
{
    public static ImageAgreement Match(string image, IReadOnlyList<Detection> reference, IReadOnlyList<Detection> candidate, DetectionMatchOptions? options = null)
    {
        options ??= DetectionMatchOptions.Default;
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        float floor = options.Confidence - options.ScoreMargin;
        var references = Ordered(reference.Where(d => d.Score >= floor));
        var candidates = Ordered(candidate.Where(d => d.Score >= floor));
        var taken = new bool[candidates.Count];
        var referenceMatched = new bool[references.Count];
        var pairs = new List<DetectionPair>();

        // By falling score, so detections that must agree pick before borderline ones could take their partner.
        for (int r = 0; r < references.Count; r++)
        {
            var d = references[r];
            int best = -1;
            float bestIou = options.MinIou;
            for (int c = 0; c < candidates.Count; c++)
            {
                if (taken[c] || candidates[c].ClassId != d.ClassId)
                {
                    continue;
                }

                float iou = d.Iou(candidates[c]);
                if (iou >= bestIou && (best < 0 || iou > bestIou))
                {
                    best = c;
                    bestIou = iou;
                }
            }

            if (best >= 0 && (d.Score >= options.Confidence || candidates[best].Score >= options.Confidence))
            {
                taken[best] = true;
                referenceMatched[r] = true;
                pairs.Add(new DetectionPair(d, candidates[best]));
            }
        }

        var missing = references.Where((d, r) => !referenceMatched[r] && d.Score >= options.Confidence).ToList();
        var extra = candidates.Where((d, c) => !taken[c] && d.Score >= options.Confidence).ToList();
        return new ImageAgreement(image, pairs, missing, extra);
    }

    private static List<Detection> Ordered(IEnumerable<Detection> detections) =>
        detections.OrderByDescending(d => d.Score).ThenBy(d => d.ClassId).ThenBy(d => d.X1).ThenBy(d => d.Y1).ThenBy(d => d.X2).ThenBy(d => d.Y2).ToList();
}
