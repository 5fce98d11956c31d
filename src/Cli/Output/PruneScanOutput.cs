using System.Globalization;
using System.Text.Json.Nodes;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Evaluation.Pruning;
using OnnxOpt.Driver;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>The table and JSON of <c>onnxopt prune-scan</c>.</summary>
public static class PruneScanOutput
{
    public static void WriteText(CliContext context, string model, PruneScanReport report, int top, string? plotPath)
    {
        // The summary is a line of its own: a table title is wrapped to the table's width.
        context.Out.WriteLine($"{model}: most sensitive Conv layers ({report.Layers.Count} scanned, {report.Inputs} image(s), amount {report.Options.Amount.ToString("R", CultureInfo.InvariantCulture)})");
        var table = new Table().Border(TerminalConsole.Border(context));
        foreach (var column in new[] { "layer", "weights", "zeroed", "cosine", "1 - cosine", "mean abs", "max abs" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column == "layer" ? Justify.Left : Justify.Right });
        }

        foreach (var layer in report.MostSensitiveFirst().Take(top))
        {
            table.AddRow(Markup.Escape(layer.Node), Units.Count(layer.Pruning.Weights), Units.Count(layer.Pruning.Zeroed), layer.Cosine.ToString("0.######", CultureInfo.InvariantCulture), G(1 - layer.Cosine), G(layer.MeanAbsError), G(layer.MaxAbsError));
        }

        TerminalConsole.Create(context).Write(table);
        foreach (var skipped in report.Skipped.Take(5))
        {
            context.Error.WriteLine($"note: skipped {skipped}");
        }

        if (plotPath is not null)
        {
            context.Out.WriteLine($"wrote {plotPath}");
        }
    }

    public static string ToJson(string model, PruneScanReport report, string? plotPath) => ReportJson.Serialize(new JsonObject
    {
        ["model"] = model,
        ["amount"] = report.Options.Amount,
        ["pattern"] = report.Options.Pattern.ToString(),
        ["images"] = report.Inputs,
        ["plot"] = plotPath,
        ["layers"] = new JsonArray(report.Layers.Select(l => (JsonNode)new JsonObject
        {
            ["node"] = l.Node,
            ["weights"] = l.Pruning.Weights,
            ["zeroed"] = l.Pruning.Zeroed,
            ["cosine"] = l.Cosine,
            ["meanAbsError"] = l.MeanAbsError,
            ["maxAbsError"] = l.MaxAbsError,
        }).ToArray()),
        ["skipped"] = new JsonArray(report.Skipped.Select(s => (JsonNode)JsonValue.Create(s.ToString())!).ToArray()),
    });

    private static string G(double value) => value.ToString("g4", CultureInfo.InvariantCulture);
}
