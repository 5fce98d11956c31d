using System.CommandLine;
using OnnxOpt.Cli.Commands;
using OnnxOpt.Cli.Completion;
using OnnxOpt.Cli.Infrastructure;

namespace OnnxOpt.Cli;

/// <summary>
/// Builds the command tree and runs it: parse errors become <c>error: ...</c> lines and exit code 2, exceptions
/// from commands go through <see cref="CliErrors"/>. New commands are added in <see cref="CreateRootCommand"/>.
/// </summary>
public static class CliApp
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("onnxopt: rewrite ONNX models with composable compiler passes and hand them to TensorRT.");
        root.Options.Add(CliOptions.CreateVerbose());
        root.Options.Add(CliOptions.CreateAllowHardLinks());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(OptimizeCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(PassesCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(EngineCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(PruneScanCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create());
        CompletionSetup.Attach(root);
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ParseResult parsed = CreateRootCommand().Parse(args);
        bool verbose = CliOptions.IsVerbose(parsed);
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            stderr.WriteLine($"error: {ParseErrorLine.Of(parsed)}");
            return ExitCodes.Usage;
        }

        using var settings = RunSettings.Apply(parsed, verbose);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, stderr, verbose);
        }
    }
}
