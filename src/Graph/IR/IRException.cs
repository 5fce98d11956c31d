namespace OnnxOpt.Graph.IR;

/// <summary>An IR method was asked to do something that would break the graph's invariants.</summary>
public sealed class IRException : InvalidOperationException
{
    public IRException(string message)
        : base(message)
    {
    }
}
