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

    public static CheckOptions Default { get; } = new();
}
