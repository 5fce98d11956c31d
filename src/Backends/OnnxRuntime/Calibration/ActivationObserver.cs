namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// Receives one intermediate value of one calibration run. The span is ONNX Runtime's output buffer and is valid
/// only during the call: fold it into running statistics, do not keep it.
/// </summary>
public delegate void ActivationObserver(string valueName, ReadOnlySpan<long> dims, ReadOnlySpan<float> values);
