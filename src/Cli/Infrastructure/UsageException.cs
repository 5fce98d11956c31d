namespace OnnxOpt.Cli.Infrastructure;

/// <summary>The command line asks for something that cannot be done as asked (exit code 2), found after parsing.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
