using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Running;

/// <summary>How <see cref="DetectionEvaluator"/> runs a model over a dataset.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Thresholds for turning outputs into detections (Ultralytics val defaults).</summary>
    public DetectionOptions Detection { get; init; } = DetectionOptions.Default;

    /// <summary>COCO metric parameters.</summary>
    public CocoEvaluationOptions Coco { get; init; } = CocoEvaluationOptions.Default;

    /// <summary>Letterbox size for models whose input size is not fixed (overrides the metadata); must match a fixed input.</summary>
    public int? ImageSize { get; init; }

    /// <summary>ONNX Runtime session settings (CPU provider).</summary>
    public OrtRunOptions RunOptions { get; init; } = OrtRunOptions.Default;

    /// <summary>Images decoded and letterboxed ahead of inference (the bound of the producer/consumer queue).</summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>Keep each image's detections in the result (needed for results JSON and detection-level comparisons).</summary>
    public bool KeepPredictions { get; init; } = true;

    public static EvaluationOptions Default { get; } = new();
}
