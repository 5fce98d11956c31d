using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>What the model will be built with, where that changes the verdict: the precision and the input shape profile.</summary>
public sealed record CheckOptions
{
    /// <summary>The engine precision to check for; null skips the precision findings.</summary>
    public Precision? Precision { get; init; }

    /// <summary>Min/opt/max shapes for dynamic inputs; inputs it covers need no other profile.</summary>
    public ShapeProfile? Shapes { get; init; }

    /// <summary>
    /// Pipeline text the caller already ran on the checked model in memory, e.g. the
    /// <c>fix-input-shape{images=1x3x640x640}</c> that <c>onnxopt check --shapes</c> applies. The file on disk has
    /// not had it, so every suggested pipeline starts with it; null when the model is checked as read.
    /// </summary>
    public string? AppliedPipeline { get; init; }

    public static CheckOptions Default { get; } = new();
}
