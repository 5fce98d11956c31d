using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Ort;

/// <summary>An engine build through ONNX Runtime's TensorRT provider.</summary>
public sealed record OrtEngineBuildRequest
{
    public required string ModelPath { get; init; }

    /// <summary>Where the built engine is copied.</summary>
    public required string OutputPath { get; init; }

    public required TargetProfile Target { get; init; }

    public EngineOptions Options { get; init; } = new();

    /// <summary>Also write an EP-context model (an ONNX file embedding the engine) here.</summary>
    public string? EpContextModelPath { get; init; }

    /// <summary>The provider's engine and timing cache folder; null uses a folder under the engine cache.</summary>
    public string? CacheDirectory { get; init; }

    public int DeviceId { get; init; }
}
