using System.Globalization;
using OnnxOpt.Passes.Infrastructure;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>Text tables for `--timing` (per-pass wall time) and `--stats` (per-pass counters and detail tables).</summary>
public static class PipelineReportText
{
    public static void WriteTiming(IAnsiConsole console, TableBorder border, PipelineRunReport report)
    {
        var table = new Table().Border(border).Title("pass timing");
        table.AddColumn("#");
        table.AddColumn("pass");
        table.AddColumn(new TableColumn("ms").RightAligned());
        table.AddColumn("changed");
        foreach (var run in report.Runs)
        {
            table.AddRow(run.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.PassName), Ms(run.Elapsed), run.Changed ? "yes" : "no");
        }

        table.AddRow(string.Empty, "total", Ms(report.TotalTime), string.Empty);
        console.Write(table);
    }

    public static void WriteStatistics(IAnsiConsole console, TableBorder border, PipelineRunReport report)
    {
        var rows = report.StatisticsByPass();
        if (rows.Count == 0)
        {
            console.WriteLine("statistics: no counters recorded");
            return;
        }

        var table = new Table().Border(border).Title("pass statistics");
        table.AddColumn("pass");
        table.AddColumn("counter");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (pass, counter, value) in rows)
        {
            table.AddRow(Markup.Escape(pass), Markup.Escape(counter), value.ToString("0.####", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        WriteDetailTables(console, border, report);
    }

    /// <summary>Each pass run's detail tables (one row per item, e.g. per pruned Conv), titled `pass: table`.</summary>
    private static void WriteDetailTables(IAnsiConsole console, TableBorder border, PipelineRunReport report)
    {
        foreach (var run in report.Runs)
        {
            foreach (var detail in run.Statistics.Tables)
            {
                var table = new Table().Border(border).Title(Markup.Escape($"{run.PassName}: {detail.Name}"));
                var columns = detail.Columns;
                foreach (string column in columns)
                {
                    table.AddColumn(Markup.Escape(column));
                }

                foreach (var row in detail.Rows)
                {
                    var cells = row.ToCells().ToDictionary(cell => cell.Column, cell => cell.Display(), StringComparer.Ordinal);
                    table.AddRow(columns.Select(c => Markup.Escape(cells.GetValueOrDefault(c, string.Empty))).ToArray());
                }

                console.Write(table);
            }
        }
    }

    private static string Ms(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
