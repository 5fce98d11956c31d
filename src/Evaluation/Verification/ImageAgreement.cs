using OnnxOpt.Evaluation.Decoding;

namespace OnnxOpt.Evaluation.Verification;

/// <summary>
/// How one image's detections from two models line up: matched pairs, reference detections the candidate lost
/// (<see cref="Missing"/>) and candidate detections the reference does not have (<see cref="Extra"/>).
/// </summary>
public sealed record ImageAgreement(string Image, IReadOnlyList<DetectionPair> Matched, IReadOnlyList<Detection> Missing, IReadOnlyList<Detection> Extra);
