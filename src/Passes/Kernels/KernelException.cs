namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// A built-in kernel cannot evaluate a node: an unsupported element type, attribute or opset feature, or inputs
/// that break the operator's rules. Callers (constant folding) leave the node alone and report the message.
/// </summary>
public sealed class KernelException : Exception
{
    public KernelException(string message)
        : base(message)
    {
    }

    public KernelException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
