using System.CommandLine;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>Options every command has. They are created per command tree, so each parse starts from fresh symbols.</summary>
public static class CliOptions
{
    public const string VerboseName = "--verbose";

    public static Option<bool> CreateVerbose() => new(VerboseName, "-v")
    {
        Description = "Print more detail, including stack traces of errors.",
        Recursive = true,
    };

    public const string AllowHardLinksName = "--allow-hardlinks";

    public static Option<bool> CreateAllowHardLinks() => new(AllowHardLinksName)
    {
        Description = "Read external data files that have several hard links (refused by default: one may be a file from outside the model's folder).",
        Recursive = true,
    };

    public static bool AllowsHardLinks(ParseResult result)
    {
        var option = result.RootCommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == AllowHardLinksName);
        return option is not null && result.GetValue(option);
    }

    public static bool IsVerbose(ParseResult result)
    {
        var option = result.RootCommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == VerboseName);
        return option is not null && result.GetValue(option);
    }

    /// <summary>
    /// Makes an unknown option given where a path may stand (<c>inspect --bogus</c>) a usage error instead of a
    /// file name. A file whose name starts with '-' can still be named as <c>./-file.onnx</c>.
    /// </summary>
    public static void RejectOptionLikeValues(Argument argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"unrecognized option '{token.Value}' (to name a file that starts with '-', write ./{token.Value})");
                }
            }
        });
    }
}
