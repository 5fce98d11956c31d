using ScottPlot;

namespace OnnxOpt.Plotting;

/// <summary>
/// Horizontal bars, one per named item, top to bottom in the order given (e.g. per-layer pruning sensitivity). The
/// default height grows with the number of bars so every name stays readable.
/// </summary>
public sealed record BarChart(ChartText Text, IReadOnlyList<string> Names, IReadOnlyList<double> Values)
{
    public const int RowHeight = 16;

    public int DefaultHeight => Math.Max(ChartFile.DefaultHeight, 120 + (RowHeight * Names.Count));

    public Plot Build()
    {
        if (Names.Count != Values.Count)
        {
            throw new ArgumentException($"{Names.Count} names but {Values.Count} values");
        }

        var plot = new Plot();
        int count = Names.Count;

        // Bar i sits at y = count - 1 - i so that the first name is drawn at the top.
        var bars = Values.Select((v, i) => new Bar { Position = count - 1 - i, Value = v, Size = 0.8 }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.Color = Colors.SteelBlue;
        var ticks = Names.Select((n, i) => new Tick(count - 1 - i, n)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        ChartStyle.Apply(plot, Text, showLegend: false);
        plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.01, top: 0.01);
        return plot;
    }

    public void Save(string path, int width = ChartFile.DefaultWidth, int? height = null)
    {
        using var plot = Build();
        ChartFile.Save(plot, path, width, height ?? DefaultHeight);
    }
}
