using OnnxOpt.Backends.TensorRT.Engine;

namespace OnnxOpt.Backends.TensorRT.Ort;

/// <summary>What the ONNX Runtime driver produced: the engine copied out, the EP-context model, and the provider options used.</summary>
public sealed record OrtEngineBuildResult(string EnginePath, string? EpContextModelPath, EnginePlan Plan, IReadOnlyDictionary<string, string> ProviderOptions);
