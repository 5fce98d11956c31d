using System.Globalization;
using OnnxOpt.Evaluation.Comparison;
using OnnxOpt.Evaluation.Pruning;
using OnnxOpt.Evaluation.Sweeps;
using OnnxOpt.Plotting;

namespace OnnxOpt.Cli.Output;

/// <summary>The charts the commands draw, built from their reports (the drawing itself is OnnxOpt.Plotting's).</summary>
public static class Charts
{
    /// <summary>compare --plot: each model's median CPU latency against its mAP50-95, one labelled point per model.</summary>
    public static ScatterChart Comparison(ModelComparisonReport report)
    {
        var points = report.Rows
            .Where(r => r.Metrics is not null)
            .Select(r => new LabelledPoint($"{r.Name} ({r.SpeedUp.ToString("0.00", CultureInfo.InvariantCulture)}x)", r.Latency.Latency.MedianMs, r.Metrics!.Map50_95))
            .ToList();
        string threads = report.Threads > 0 ? $"{report.Threads} thread(s)" : "default threads";
        return new ScatterChart(
            new ChartText($"{report.Baseline.Name} and variants: {report.Images} images, ONNX Runtime CPU, {threads}", "median latency (ms)", "mAP50-95"),
            points);
    }

    /// <summary>sweep: mAP50-95 (solid) and mAP50 (dashed) against the swept value, one pair of lines per template.</summary>
    public static LineChart Sweep(SweepReport report)
    {
        var series = new List<ChartSeries>();
        bool several = report.Templates.Count > 1;
        foreach (var (template, group) in report.Templates.Select((t, i) => (t, i)))
        {
            var points = report.PointsOf(template).OrderBy(p => p.Value).ToList();
            double[] x = points.Select(p => p.Value).ToArray();
            string label = several ? $"{template}: " : string.Empty;
            series.Add(new ChartSeries($"{label}mAP50-95", x, points.Select(p => p.Metrics.Map50_95).ToArray()) { Group = group });
            series.Add(new ChartSeries($"{label}mAP50", x, points.Select(p => p.Metrics.Map50).ToArray()) { Dashed = true, Group = group });
        }

        string title = several
            ? $"{report.Model}: mAP against {report.Parameter} ({report.Images} images)"
            : $"{report.Model}: {report.Templates[0]} ({report.Images} images)";
        return new LineChart(new ChartText(title, report.Parameter, "mAP"), series);
    }

    /// <summary>prune-scan --plot: 1 - cosine of the outputs when each Conv alone is pruned, in graph order.</summary>
    public static BarChart PruneScan(string model, PruneScanReport report)
    {
        string amount = report.Options.Amount.ToString("R", CultureInfo.InvariantCulture);
        return new BarChart(
            new ChartText($"{model}: pruning one Conv at a time ({(report.Options.Pattern == Passes.Transforms.Pruning.PrunePattern.TwoOfFour ? "2:4" : $"amount {amount}")}, {report.Inputs} images)", "1 - cosine similarity of the outputs (higher: more sensitive)", "Conv layer"),
            report.Layers.Select(l => l.Node).ToList(),
            report.Layers.Select(l => 1 - l.Cosine).ToList());
    }
}
