using OnnxOpt.Backends.OnnxRuntime;

namespace OnnxOpt.Evaluation.Verification;

/// <summary>
/// Both answers of <see cref="ImageVerifier"/>: element-wise output statistics over real images, and detection-level
/// agreement; plus the tolerance that fits the candidate's precision.
/// </summary>
public sealed record ImageVerificationReport(ComparisonReport Outputs, DetectionAgreement Detections, ToleranceAdvice Advice, int InputWidth, int InputHeight);
