using System.CommandLine;
using System.Diagnostics;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Transforms.Pruning.Channels;

namespace OnnxOpt.Cli.Commands;

/// <summary><c>onnxopt inspect [MODEL] [--json] [--layers] [--channel-groups]</c>: what a model holds, as tables or JSON.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var model = new Argument<string?>("MODEL")
        {
            Description = "The .onnx file to inspect. Without it: the built-in default, a generated YOLOv8n.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        CliOptions.RejectOptionLikeValues(model);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var layers = new Option<bool>("--layers") { Description = "Also list every Conv layer: weight shape, parameters, sparsity." };
        var channelGroups = new Option<bool>("--channel-groups") { Description = "Print the channel dependency groups that prune-channels works on (which channels must go together, which cannot go and why) instead of the summary." };
        var command = new Command("inspect", "Show a model's header, metadata, inputs and outputs, op mix, weights and Conv sparsity.")
        {
            model,
            json,
            layers,
            channelGroups,
        };
        command.SetAction(result => result.GetValue(channelGroups)
            ? RunChannelGroups(CliContext.From(result), result.GetValue(model), result.GetValue(json))
            : Run(CliContext.From(result), result.GetValue(model), result.GetValue(json), result.GetValue(layers)));
        return command;
    }

    private static int RunChannelGroups(CliContext context, string? path, bool json)
    {
        if (path is null)
        {
            context.Error.WriteLine($"note: no MODEL given; inspecting the built-in default, {DefaultModel.Description}");
        }

        var model = path is null ? DefaultModel.Create() : ModelReader.Load(path);
        var analysis = ChannelAnalyzer.Analyze(model, ChannelAnalyzer.Protection(model, string.Empty, string.Empty, protectHead: true));
        if (json)
        {
            context.Out.WriteLine(ChannelGroupsText.Json(analysis));
        }
        else
        {
            ChannelGroupsText.Write(TerminalConsole.Create(context), TerminalConsole.Border(context), analysis);
        }

        return ExitCodes.Success;
    }

    private static int Run(CliContext context, string? path, bool json, bool layers)
    {
        long start = Stopwatch.GetTimestamp();
        ModelSummary summary;
        string source;
        if (path is null)
        {
            context.Error.WriteLine($"note: no MODEL given; inspecting the built-in default, {DefaultModel.Description}");
            var model = DefaultModel.Create();
            summary = ModelSummarizer.Summarize(model, ModelWriter.ToBytes(model).LongLength);
            source = DefaultModel.DisplayName;
        }
        else
        {
            summary = ModelSummarizer.Summarize(path);
            source = path;
        }

        if (context.Verbose)
        {
            context.Error.WriteLine($"note: loaded and analysed {source} in {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms");
        }

        if (json)
        {
            context.Out.WriteLine(InspectJson.Format(summary, source, layers));
        }
        else
        {
            InspectText.Write(TerminalConsole.Create(context), TerminalConsole.Border(context), summary, source, layers);
        }

        return ExitCodes.Success;
    }
}
