namespace OnnxOpt.Plotting;

/// <summary>The words on a chart: title (usually naming the model) and the two axis labels.</summary>
public sealed record ChartText(string Title, string XLabel, string YLabel);
