using ScottPlot;

namespace OnnxOpt.Plotting;

/// <summary>What every chart of the tool shares: title, axis labels, legend placement and a font that exists on a bare Linux box.</summary>
internal static class ChartStyle
{
    public static void Apply(Plot plot, ChartText text, bool showLegend, bool legendOutside = false)
    {
        // Pick fonts that can draw the characters used (ScottPlot otherwise asks for a font that may be missing headless).
        plot.Font.Automatic();
        plot.Title(text.Title);
        plot.XLabel(text.XLabel);
        plot.YLabel(text.YLabel);
        if (showLegend && legendOutside)
        {
            plot.ShowLegend(Edge.Right);
        }
        else if (showLegend)
        {
            plot.ShowLegend(Alignment.LowerLeft);
        }
    }
}
