using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Running;

/// <summary>One image's labels and the model's detections on it, both in the upright image's pixels.</summary>
public sealed record ImagePredictions(DatasetImage Image, int Width, int Height, IReadOnlyList<GroundTruthBox> Truths, IReadOnlyList<Detection> Detections);

/// <summary>Where the time of an evaluation went. Stages overlap, so their sum exceeds <see cref="Total"/>.</summary>
/// <param name="Total">Wall time of the whole evaluation.</param>
/// <param name="Inference">Time inside ONNX Runtime's Run, summed over images.</param>
/// <param name="Preprocessing">Decoding and letterboxing, summed over images (on the producer thread).</param>
/// <param name="Postprocessing">Output decoding, NMS and mapping to image pixels, summed over images.</param>
/// <param name="Metrics">Computing COCO metrics after the last image.</param>
/// <param name="SessionLoad">Loading the model into ONNX Runtime (before the first image).</param>
public sealed record EvaluationTiming(TimeSpan Total, TimeSpan Inference, TimeSpan Preprocessing, TimeSpan Postprocessing, TimeSpan Metrics, TimeSpan SessionLoad);

/// <summary>The result of evaluating one model on one dataset.</summary>
public sealed record EvaluationResult(DetectionModel Model, DetectionDataset Dataset, DetectionMetrics Metrics, IReadOnlyList<ImagePredictions> Predictions, EvaluationTiming Timing);
