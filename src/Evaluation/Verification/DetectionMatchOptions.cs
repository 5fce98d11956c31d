namespace OnnxOpt.Evaluation.Verification;

/// <summary>
/// How two models' detections are judged the same. Detections are compared at a display confidence (0.25, what
/// Ultralytics predict shows), not at the 0.001 used for mAP, where thousands of near-zero boxes would swamp the
/// answer. A detection just above the threshold in one model and just below it in the other is a rounding effect,
/// not a lost object: <see cref="ScoreMargin"/> lets such a detection match a partner down to Confidence - margin.
/// </summary>
public sealed record DetectionMatchOptions
{
    /// <summary>Detections at or above this score are the ones that must agree.</summary>
    public float Confidence { get; init; } = 0.25f;

    /// <summary>A partner may score down to Confidence - ScoreMargin and still match.</summary>
    public float ScoreMargin { get; init; } = 0.05f;

    /// <summary>Matched detections have the same class and at least this IoU.</summary>
    public float MinIou { get; init; } = 0.9f;

    /// <summary>The largest score difference of a matched pair that still counts as equivalent.</summary>
    public float MaxScoreDelta { get; init; } = 0.05f;

    public static DetectionMatchOptions Default { get; } = new();

    /// <summary>The first problem with the values, or null.</summary>
    public string? Validate() =>
        Confidence is <= 0 or > 1 ? $"confidence must be in (0, 1], not {Confidence}"
        : ScoreMargin < 0 || ScoreMargin >= Confidence ? $"score margin must be at least 0 and below the confidence {Confidence}, not {ScoreMargin}"
        : MinIou is <= 0 or > 1 ? $"match IoU must be in (0, 1], not {MinIou}"
        : MaxScoreDelta < 0 ? $"max score delta must not be negative, not {MaxScoreDelta}"
        : null;
}
