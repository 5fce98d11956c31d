namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>The lowest numeric precision a model computes in, which bounds how closely it can match a float32 original.</summary>
public enum ComputePrecision
{
    Float32,
    Float16,
    BFloat16,
    Int8,
}
