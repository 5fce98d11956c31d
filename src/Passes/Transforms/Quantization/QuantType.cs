namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>The 8-bit integer type of a quantized tensor.</summary>
public enum QuantType
{
    /// <summary>Unsigned 0..255 with a zero point (ONNX Runtime's activations).</summary>
    UInt8,

    /// <summary>Signed -128..127; symmetric tensors use -127..127 and zero point 0 (weights, TensorRT).</summary>
    Int8,
}
