using System.CommandLine;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>Where a command writes and how chatty it is, taken from the parse result it runs with.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool Verbose)
{
    /// <summary>True only for the real console when it is not redirected: only then are colours and terminal width used.</summary>
    public bool OutIsTerminal => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    public static CliContext From(ParseResult result) =>
        new(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, CliOptions.IsVerbose(result));
}
