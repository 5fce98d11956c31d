using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>The runtime a Q/DQ model is laid out for.</summary>
public enum QuantTarget
{
    /// <summary>ONNX Runtime CPU: UINT8 asymmetric activations, Q/DQ around every quantized op so it fuses to QLinear* kernels.</summary>
    Ort,

    /// <summary>TensorRT: INT8 symmetric activations (zero point 0), Q/DQ on the inputs of quantized ops.</summary>
    [OptionName("tensorrt")]
    TensorRt,
}
