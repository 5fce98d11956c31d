using OnnxOpt.Evaluation.Decoding;

namespace OnnxOpt.Evaluation.Verification;

/// <summary>A reference detection and the candidate detection it was matched to.</summary>
public sealed record DetectionPair(Detection Reference, Detection Candidate)
{
    public float Iou => Reference.Iou(Candidate);

    /// <summary>Candidate score minus reference score.</summary>
    public float ScoreDelta => Candidate.Score - Reference.Score;
}
