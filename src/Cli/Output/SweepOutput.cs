using System.Globalization;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Evaluation.Sweeps;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>Where <c>onnxopt sweep</c> writes its results.</summary>
public sealed record SweepOutputFiles(string Csv, string Json, string Plot);

/// <summary>The table <c>onnxopt sweep</c> prints.</summary>
public static class SweepOutput
{
    public static void WriteText(CliContext context, SweepReport report, SweepOutputFiles files)
    {
        var table = new Table().Border(TerminalConsole.Border(context)).Title($"{Markup.Escape(report.Model)} on {Markup.Escape(report.Dataset)} ({report.Images} images)");
        foreach (var column in new[] { "template", report.Parameter, "conv sparsity", "mAP50-95", "Δ", "mAP50", "Δ " })
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)) { Alignment = column == "template" ? Justify.Left : Justify.Right });
        }

        var b = report.Baseline;
        table.AddRow("baseline (unchanged)", "", "", F(b.Map50_95), "", F(b.Map50), "");
        foreach (var p in report.Points)
        {
            table.AddRow(Markup.Escape(p.Template), p.Value.ToString("R", CultureInfo.InvariantCulture), Units.Percent(p.ConvSparsity), F(p.Metrics.Map50_95), D(p.Metrics.Map50_95 - b.Map50_95), F(p.Metrics.Map50), D(p.Metrics.Map50 - b.Map50));
        }

        TerminalConsole.Create(context).Write(table);
        context.Out.WriteLine($"wrote {files.Csv}, {files.Json} and {files.Plot}");
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
