namespace OnnxOpt.Evaluation.Decoding;

/// <summary>
/// How raw model outputs become detections. The defaults are those of Ultralytics' <c>val</c> mode: every class
/// scoring above 0.001 at an anchor is a candidate (multi-label), per-class NMS at IoU 0.7, at most 300 per image.
/// (Ultralytics' <c>predict</c> uses conf 0.25 and IoU 0.7 with a single label per anchor.)
/// </summary>
public sealed record DetectionOptions
{
    /// <summary>Candidates must score strictly above this.</summary>
    public float Confidence { get; init; } = 0.001f;

    /// <summary>NMS drops a box whose IoU with a kept box of the same class is above this.</summary>
    public float IouThreshold { get; init; } = 0.7f;

    /// <summary>Detections kept per image, highest scores first.</summary>
    public int MaxDetections { get; init; } = 300;

    /// <summary>Every class above the threshold at an anchor is a candidate, not only the best one (Ultralytics val).</summary>
    public bool MultiLabel { get; init; } = true;

    /// <summary>NMS over all classes together instead of per class.</summary>
    public bool ClassAgnostic { get; init; }

    /// <summary>At most this many candidates (highest scores) enter NMS, as Ultralytics' <c>max_nms</c>.</summary>
    public int MaxCandidates { get; init; } = 30000;

    public static DetectionOptions Default { get; } = new();

    /// <summary>A message saying what is wrong, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!(Confidence >= 0 && Confidence < 1))
        {
            return $"confidence must be in [0, 1), got {Confidence}";
        }

        if (!(IouThreshold > 0 && IouThreshold <= 1))
        {
            return $"IoU threshold must be in (0, 1], got {IouThreshold}";
        }

        if (MaxDetections < 1)
        {
            return $"max detections must be at least 1, got {MaxDetections}";
        }

        return MaxCandidates < 1 ? $"max candidates must be at least 1, got {MaxCandidates}" : null;
    }
}
