namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>How much a finding matters: information, a caveat the build survives, or something the parser rejects.</summary>
public enum CheckSeverity
{
    Info,
    Warning,
    Unsupported,
}
