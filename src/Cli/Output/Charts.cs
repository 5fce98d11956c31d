using System.Globalization;
using OnnxOpt.Evaluation.Comparison;
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
}
