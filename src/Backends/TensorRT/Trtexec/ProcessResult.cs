namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>How an external tool ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
