namespace OnnxOpt.Backends.TensorRT.Targets;

/// <summary>The precision an engine is built for. FP16 is the paper's setting and the default.</summary>
public enum Precision
{
    Fp32,
    Fp16,
    Int8,
}
