namespace OnnxOpt.Plotting;

/// <summary>One line of a <see cref="LineChart"/>: a legend label and its points, drawn in the order given.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Dashed instead of solid, e.g. to tell mAP50 from mAP50-95 of the same pipeline.</summary>
    public bool Dashed { get; init; }

    /// <summary>Series with the same group share a colour (e.g. mAP50-95 and mAP50 of one pipeline); null: the next colour.</summary>
    public int? Group { get; init; }
}
