namespace OnnxOpt.Cli.Commands;

/// <summary>What builds the engine for <c>onnxopt engine</c>: NVIDIA's trtexec, or ONNX Runtime's TensorRT provider.</summary>
public enum EngineDriver
{
    Trtexec,
    Ort,
}
