using ScottPlot;

namespace OnnxOpt.Plotting;

/// <summary>
/// One labelled marker per point, e.g. each model's latency against its mAP: the label is written beside the marker
/// and the point also appears in the legend, so overlapping labels can still be told apart.
/// </summary>
public sealed record ScatterChart(ChartText Text, IReadOnlyList<LabelledPoint> Points)
{
    public Plot Build()
    {
        var plot = new Plot();
        foreach (var point in Points)
        {
            var marker = plot.Add.Marker(point.X, point.Y);
            marker.MarkerSize = 12;
            marker.LegendText = point.Label;
            var label = plot.Add.Text(point.Label, point.X, point.Y);
            label.OffsetX = 8;
            label.OffsetY = -8;
            label.LabelFontSize = 13;
            label.Alignment = Alignment.LowerLeft;
        }

        // The legend goes beside the data area: inside it would cover points wherever they fall.
        ChartStyle.Apply(plot, Text, showLegend: Points.Count > 0, legendOutside: true);
        if (Points.Count > 0)
        {
            // Room around the points, most of it on the right where the labels are written.
            var (xMin, xMax) = Padded(Points.Select(p => p.X), left: 0.1, right: 0.35);
            var (yMin, yMax) = Padded(Points.Select(p => p.Y), left: 0.15, right: 0.15);
            plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        }

        return plot;
    }

    public void Save(string path, int width = ChartFile.DefaultWidth, int height = ChartFile.DefaultHeight)
    {
        using var plot = Build();
        ChartFile.Save(plot, path, width, height);
    }

    private static (double Min, double Max) Padded(IEnumerable<double> values, double left, double right)
    {
        double min = values.Min(), max = values.Max();
        double span = max > min ? max - min : Math.Max(Math.Abs(max) * 0.1, 1e-3);
        return (min - (left * span), max + (right * span));
    }
}
