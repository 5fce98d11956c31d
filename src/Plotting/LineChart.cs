using ScottPlot;

namespace OnnxOpt.Plotting;

/// <summary>
/// Lines of markers joined in order, one per <see cref="ChartSeries"/>, with a legend: e.g. mAP against the pruning
/// amount for per-layer and global pruning on one chart.
/// </summary>
public sealed record LineChart(ChartText Text, IReadOnlyList<ChartSeries> Series)
{
    public Plot Build()
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var series in Series)
        {
            if (series.X.Count != series.Y.Count)
            {
                throw new ArgumentException($"series '{series.Label}' has {series.X.Count} x values but {series.Y.Count} y values");
            }

            var line = plot.Add.Scatter(series.X.ToArray(), series.Y.ToArray());
            line.LegendText = series.Label;
            line.MarkerSize = 7;
            line.LineWidth = 2;
            if (series.Group is { } group)
            {
                line.Color = palette.GetColor(group);
            }

            if (series.Dashed)
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        ChartStyle.Apply(plot, Text, showLegend: Series.Count > 0);
        return plot;
    }

    public void Save(string path, int width = ChartFile.DefaultWidth, int height = ChartFile.DefaultHeight)
    {
        using var plot = Build();
        ChartFile.Save(plot, path, width, height);
    }
}
