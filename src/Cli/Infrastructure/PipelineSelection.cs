using System.CommandLine;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>The `--pipeline TEXT | --preset NAME` pair shared by optimize and batch, turned into a built pipeline.</summary>
public sealed class PipelineSelection
{
    public Option<string?> Pipeline { get; } = new("--pipeline", "-p") { Description = "Pipeline text, e.g. 'fold-constants,cleanup,convert-fp16'. See 'onnxopt passes'.", HelpName = "TEXT" };

    public Option<string?> Preset { get; } = new("--preset") { Description = "A named pipeline (paper, fp16, cleanup, tensorrt-prepare, ...).", HelpName = "NAME" };

    public void AddTo(Command command)
    {
        command.Options.Add(Pipeline);
        command.Options.Add(Preset);
    }

    /// <summary>The pipeline text asked for; exactly one of the two options must be given.</summary>
    public string Text(ParseResult result)
    {
        string? text = result.GetValue(Pipeline), preset = result.GetValue(Preset);
        return (text, preset) switch
        {
            (null, null) => throw new UsageException("give --pipeline TEXT or --preset NAME"),
            (not null, not null) => throw new UsageException("give either --pipeline or --preset, not both"),
            (not null, null) => text,
            _ => PipelineRunner.Registry.FindPreset(preset!) is not null
                ? preset!
                : throw new UsageException($"unknown preset '{preset}'{Hint(preset!)}; see 'onnxopt passes'"),
        };
    }

    /// <summary>Builds the pipeline, reporting bad text as a usage error that points at the problem.</summary>
    public static Pipeline Build(string text)
    {
        try
        {
            return PipelineRunner.Parse(text);
        }
        catch (PipelineException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static string Hint(string preset) =>
        Suggest.Nearest(preset, PipelineRunner.Registry.Presets.Select(p => p.Name)) is { } near ? $" (did you mean {near}?)" : string.Empty;
}
