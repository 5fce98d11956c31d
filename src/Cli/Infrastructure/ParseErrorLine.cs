using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Turns System.CommandLine's parse errors (often several, for one mistake) into the one line the CLI promises:
/// the first cause, with the nearest known command or option for a misspelt one.
/// </summary>
public static class ParseErrorLine
{
    public static string Of(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var options = OptionNames(parsed.CommandResult).ToList();
        var unknown = parsed.Tokens.FirstOrDefault(t => t.Type == TokenType.Argument && LooksLikeOption(t.Value) && !options.Contains(OptionName(t.Value)));
        if (unknown is not null)
        {
            string hint = Suggest.Nearest(OptionName(unknown.Value), options) is { } near ? $" (did you mean {near}?)" : string.Empty;
            return $"unrecognized option '{unknown.Value}'{hint}; see 'onnxopt {Path(parsed.CommandResult)} --help'";
        }

        if (command.Subcommands.Count > 0 && parsed.UnmatchedTokens.Count > 0)
        {
            string word = parsed.UnmatchedTokens[0];
            string hint = Suggest.Nearest(word, command.Subcommands.Select(c => c.Name)) is { } near ? $" (did you mean {near}?)" : string.Empty;
            return $"unknown command '{word}'{hint}; commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))}";
        }

        if (command is RootCommand && parsed.Errors.Count > 0 && parsed.UnmatchedTokens.Count == 0 && parsed.Tokens.Count == 0)
        {
            return $"give a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see 'onnxopt --help')";
        }

        return parsed.Errors.Count > 0 ? CliErrors.OneLine(parsed.Errors[0].Message) : "invalid command line";
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // "--opt=value" and "--opt:value" name the option before the separator.
    private static string OptionName(string token) => token.Split('=', ':')[0];

    private static IEnumerable<string> OptionNames(CommandResult? result)
    {
        for (var current = result; current is not null; current = current.Parent as CommandResult)
        {
            foreach (var option in current.Command.Options)
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }

    private static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null && current.Command is not RootCommand; current = current.Parent as CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }
}
