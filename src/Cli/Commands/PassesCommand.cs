using System.CommandLine;
using System.Text.Json.Nodes;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Passes.Driver;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using Spectre.Console;

namespace OnnxOpt.Cli.Commands;

/// <summary><c>onnxopt passes [--json]</c>: every registered pass with its description, options and declared statistics, and every preset.</summary>
public static class PassesCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("passes", "List every pass (with its options) and every preset.") { json };
        command.SetAction(result => Run(CliContext.From(result), result.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, bool json)
    {
        var registry = PipelineRunner.Registry;
        if (json)
        {
            var root = new JsonObject
            {
                ["passes"] = new JsonArray(registry.Passes.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["description"] = p.Description,
                    ["options"] = new JsonArray(p.Options.Select(o => (JsonNode)new JsonObject
                    {
                        ["name"] = o.Name,
                        ["type"] = o.TypeName,
                        ["default"] = o.DefaultText,
                        ["help"] = o.Help,
                    }).ToArray()),
                    ["statistics"] = new JsonArray(p.Statistics.Select(s => (JsonNode)new JsonObject
                    {
                        ["name"] = s.Name,
                        ["kind"] = KindName(s.Kind),
                        ["description"] = s.Description,
                    }).ToArray()),
                }).ToArray()),
                ["presets"] = new JsonArray(registry.Presets.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["description"] = p.Description,
                    ["pipeline"] = p.Pipeline,
                }).ToArray()),
            };
            context.Out.WriteLine(ReportJson.Serialize(root));
            return ExitCodes.Success;
        }

        var console = TerminalConsole.Create(context);
        var passes = new Table().Border(TerminalConsole.Border(context)).Title("passes");
        passes.AddColumn("pass");
        passes.AddColumn("description, options and statistics");
        foreach (var pass in registry.Passes)
        {
            var lines = new List<string> { Markup.Escape(pass.Description) };
            lines.AddRange(pass.Options.Select(o => Markup.Escape($"  {o.Name}={o.TypeName} (default {(o.DefaultText.Length == 0 ? "none" : o.DefaultText)}): {o.Help}")));
            lines.AddRange(pass.Statistics.Select(s => Markup.Escape($"  stat {s.Name} ({KindName(s.Kind)}): {s.Description}")));
            passes.AddRow(Markup.Escape(pass.Name), string.Join("\n", lines));
        }

        console.Write(passes);
        var presets = new Table().Border(TerminalConsole.Border(context)).Title("presets");
        presets.AddColumn("preset");
        presets.AddColumn("description");
        presets.AddColumn("pipeline");
        foreach (var preset in registry.Presets)
        {
            presets.AddRow(Markup.Escape(preset.Name), Markup.Escape(preset.Description), Markup.Escape(preset.Pipeline));
        }

        console.Write(presets);
        return ExitCodes.Success;
    }

    private static string KindName(StatisticKind kind) => kind switch
    {
        StatisticKind.Measurement => "measurement",
        StatisticKind.Table => "table",
        _ => "count",
    };
}
