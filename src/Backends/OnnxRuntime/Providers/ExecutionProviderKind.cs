namespace OnnxOpt.Backends.OnnxRuntime.Providers;

/// <summary>The ONNX Runtime execution providers this project selects between, fastest first in the fallback order.</summary>
public enum ExecutionProviderKind
{
    Cpu,
    Cuda,
    TensorRt,
}
