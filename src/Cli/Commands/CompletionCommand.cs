using System.CommandLine;
using OnnxOpt.Cli.Completion;
using OnnxOpt.Cli.Infrastructure;

namespace OnnxOpt.Cli.Commands;

/// <summary><c>onnxopt completion bash|zsh|fish</c>: prints the shell's completion script (set-up in the README).</summary>
public static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = $"The shell: {string.Join(", ", ShellScripts.Shells)}." };
        shell.AcceptOnlyFromAmong([.. ShellScripts.Shells]);
        var command = new Command("completion", "Print the shell completion script (pass, preset, target names and pipeline option keys).") { shell };
        command.SetAction(parse =>
        {
            CliContext.From(parse).Out.Write(ShellScripts.For(parse.GetValue(shell)!));
            return ExitCodes.Success;
        });
        return command;
    }
}
