using OnnxOpt.Cli.Infrastructure;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>
/// Spectre.Console on a writer: ANSI colours and the terminal's width only on a real terminal; plain text at a
/// fixed width otherwise, so redirected output and test captures contain no escape codes and no wrapping.
/// </summary>
public static class TerminalConsole
{
    public const int RedirectedWidth = 160;

    public static IAnsiConsole Create(CliContext context)
    {
        bool terminal = context.OutIsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(context.Out),
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>Rounded boxes on a terminal, plain ASCII in files and pipes.</summary>
    public static TableBorder Border(CliContext context) => context.OutIsTerminal ? TableBorder.Rounded : TableBorder.Ascii;
}
