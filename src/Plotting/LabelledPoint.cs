namespace OnnxOpt.Plotting;

/// <summary>One point of a <see cref="ScatterChart"/>, drawn with its label beside it and in the legend.</summary>
public sealed record LabelledPoint(string Label, double X, double Y);
