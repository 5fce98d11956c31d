using OnnxOpt.Backends.OnnxRuntime;

namespace OnnxOpt.Evaluation.Verification;

/// <summary>How <see cref="ImageVerifier"/> compares two detection models on real images.</summary>
public sealed record ImageVerificationOptions
{
    /// <summary>Element-wise tolerances and session options for the raw output comparison.</summary>
    public ModelComparer Comparer { get; init; } = new();

    public DetectionMatchOptions Matching { get; init; } = DetectionMatchOptions.Default;

    /// <summary>Letterbox size for models whose input size is not fixed (else the metadata's imgsz, else 640).</summary>
    public int? ImageSize { get; init; }

    /// <summary>At most this many images (the first ones, by name); all when null.</summary>
    public int? Limit { get; init; }
}
