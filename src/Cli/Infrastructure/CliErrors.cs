using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Maps exceptions to one <c>error: ...</c> line on stderr and an exit code: <see cref="UsageException"/> is 2,
/// everything else (bad model, ONNX Runtime failure, I/O error, unexpected bug) is 1. The stack trace is
/// printed only with <c>--verbose</c>.
/// </summary>
public static class CliErrors
{
    public static int Report(Exception exception, TextWriter stderr, bool verbose)
    {
        var e = Unwrap(exception);
        stderr.WriteLine($"error: {OneLine(e.Message)}");
        if (verbose)
        {
            stderr.WriteLine(exception.ToString());
        }

        return e is UsageException or UnsafeOutputException ? ExitCodes.Usage : ExitCodes.Failure;
    }

    /// <summary>The message on one line: a multi-line message would break the one-error-line contract.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;
}
