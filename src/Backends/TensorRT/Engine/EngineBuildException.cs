namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>An engine cannot be built as asked; the message is one line fit for an `error:` line.</summary>
public sealed class EngineBuildException : Exception
{
    public EngineBuildException(string message)
        : base(message)
    {
    }

    public EngineBuildException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
