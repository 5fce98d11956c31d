namespace OnnxOpt.Evaluation.Metrics;

/// <summary>
/// COCO's average recall rows (the last six numbers <c>COCOeval.summarize</c> prints): recall averaged over the IoU
/// thresholds and over the classes that have a counted object, when each image keeps at most 1, 10 or 100 (COCO's
/// maxDets; the last one is <see cref="CocoEvaluationOptions.MaxDetections"/>) detections per class, and at 100 for
/// each size range. -1 when no object counts (as COCO prints).
/// </summary>
/// <param name="At1">AR@1: only each image's best detection of a class counts.</param>
/// <param name="At10">AR@10.</param>
/// <param name="At100">AR@100 (at <see cref="CocoEvaluationOptions.MaxDetections"/>), the same as <see cref="DetectionMetrics.AverageRecall"/>.</param>
/// <param name="Small">AR@100 for objects below 32² pixels.</param>
/// <param name="Medium">AR@100 for objects from 32² to 96² pixels.</param>
/// <param name="Large">AR@100 for objects above 96² pixels.</param>
public sealed record AverageRecallMetrics(double At1, double At10, double At100, double Small, double Medium, double Large);
