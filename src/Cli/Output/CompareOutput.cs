using System.Globalization;
using System.Text.Json.Nodes;
using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Evaluation.Comparison;
using OnnxOpt.Driver;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>The table and JSON of <c>onnxopt compare</c>.</summary>
public static class CompareOutput
{
    public static void WriteText(CliContext context, ModelComparisonReport report, string? plotPath)
    {
        bool metrics = report.Dataset is not null;
        var table = new Table().Border(TerminalConsole.Border(context));
        table.Title(metrics ? $"on {Markup.Escape(report.Dataset!)} ({report.Images} images)" : "speed only (no --data)");
        var columns = new List<string> { "model", "size", "nodes", "conv sparsity", "median ms", "p90 ms", "speed-up" };
        if (metrics)
        {
            columns.AddRange(["mAP50-95", "Δ", "mAP50", "Δ "]);
        }

        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column) { Alignment = column == "model" ? Justify.Left : Justify.Right });
        }

        foreach (var row in report.Rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(row.Name),
                F(row.FileSize / (1024.0 * 1024.0), "0.00") + " MiB",
                Units.Count(row.Nodes),
                Units.Percent(row.ConvSparsity),
                F(row.Latency.Latency.MedianMs, "0.00"),
                F(row.Latency.Latency.P90Ms, "0.00"),
                F(row.SpeedUp, "0.00") + "x",
            };
            if (row.Metrics is { } m)
            {
                cells.AddRange([F(m.Map50_95, "0.0000"), Delta(report.DeltaMap50_95(row)), F(m.Map50, "0.0000"), Delta(report.DeltaMap50(row))]);
            }

            table.AddRow(cells.ToArray());
        }

        TerminalConsole.Create(context).Write(table);
        var first = report.Baseline.Latency;
        context.Out.WriteLine($"latency: {first.Runs} interleaved rounds after {first.Warmup} warmup, ONNX Runtime {first.Provider.Selected.DisplayName()}, {(report.Threads > 0 ? $"{report.Threads} intra-op thread(s)" : "default threads")}; speed-up = baseline median / model median");
        if (plotPath is not null)
        {
            context.Out.WriteLine($"wrote {plotPath}");
        }
    }

    public static string ToJson(ModelComparisonReport report, string? plotPath)
    {
        var document = new JsonObject
        {
            ["dataset"] = report.Dataset,
            ["images"] = report.Images,
            ["threads"] = report.Threads,
            ["plot"] = plotPath,
            ["models"] = new JsonArray(report.Rows.Select(row => (JsonNode)new JsonObject
            {
                ["name"] = row.Name,
                ["path"] = row.Path,
                ["fileSize"] = row.FileSize,
                ["nodes"] = row.Nodes,
                ["convSparsity"] = row.ConvSparsity,
                ["latencyMs"] = new JsonObject
                {
                    ["min"] = row.Latency.Latency.MinMs,
                    ["median"] = row.Latency.Latency.MedianMs,
                    ["p90"] = row.Latency.Latency.P90Ms,
                    ["mean"] = row.Latency.Latency.MeanMs,
                    ["runs"] = row.Latency.Runs,
                },
                ["speedUp"] = row.SpeedUp,
                ["map50_95"] = row.Metrics?.Map50_95,
                ["map50"] = row.Metrics?.Map50,
                ["deltaMap50_95"] = report.DeltaMap50_95(row),
                ["deltaMap50"] = report.DeltaMap50(row),
                ["precision"] = row.Metrics?.Precision,
                ["recall"] = row.Metrics?.Recall,
            }).ToArray()),
        };
        return ReportJson.Serialize(document);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Delta(double? delta) => delta is { } d ? d.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "";
}
