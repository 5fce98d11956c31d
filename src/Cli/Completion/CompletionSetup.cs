using System.CommandLine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Cli.Completion;

/// <summary>
/// Attaches completion sources to the options that take names: pipeline text, presets and TensorRT targets. Shells
/// ask for completions through System.CommandLine's <c>[suggest:POSITION]</c> directive (see <see cref="ShellScripts"/>).
/// </summary>
public static class CompletionSetup
{
    public static void Attach(Command command)
    {
        foreach (Option option in command.Options)
        {
            switch (option.Name)
            {
                case "--pipeline":
                    option.CompletionSources.Add(context => PipelineCompletion.Complete(context.WordToComplete, PipelineRunner.Registry));
                    break;
                case "--preset":
                    option.CompletionSources.Add(_ => PipelineRunner.Registry.Presets.Select(p => p.Name));
                    break;
                case "--target":
                    option.CompletionSources.Add(_ => TargetNames.All);
                    break;
                default:
                    break;
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            Attach(subcommand);
        }
    }
}
