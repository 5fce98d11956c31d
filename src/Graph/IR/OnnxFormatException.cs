namespace OnnxOpt.Graph.IR;

/// <summary>The input is not a usable ONNX model (bad bytes, broken references, unsafe external data).</summary>
public sealed class OnnxFormatException : Exception
{
    public OnnxFormatException(string message)
        : base(message)
    {
    }

    public OnnxFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
