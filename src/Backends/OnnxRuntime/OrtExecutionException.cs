namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>ONNX Runtime could not load or run a model; the message is one line fit for an `error:` line.</summary>
public sealed class OrtExecutionException : Exception
{
    public OrtExecutionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public OrtExecutionException(string message)
        : base(message)
    {
    }
}
