namespace OnnxOpt.Backends.TensorRT.Parser;

/// <summary>An input the ONNX parser needs as a build-time constant (an initializer or a Constant node's output).</summary>
public sealed record ConstantInput(int Index, string Name);
