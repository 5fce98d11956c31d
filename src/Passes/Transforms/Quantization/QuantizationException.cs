namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>A model cannot be quantized or dequantized as asked (no calibration data, already quantized, unsupported form).</summary>
public sealed class QuantizationException(string message) : Exception(message);
