namespace OnnxOpt.Evaluation.Comparison;

/// <summary>Every model's row, the first being the baseline, and the dataset the metrics came from (null: none).</summary>
public sealed record ModelComparisonReport(IReadOnlyList<ModelComparisonRow> Rows, string? Dataset, int Images, int Threads)
{
    public ModelComparisonRow Baseline => Rows[0];

    /// <summary>mAP50-95 of the row minus the baseline's (null without metrics).</summary>
    public double? DeltaMap50_95(ModelComparisonRow row) =>
        row.Metrics is { } m && Baseline.Metrics is { } b ? m.Map50_95 - b.Map50_95 : null;

    public double? DeltaMap50(ModelComparisonRow row) =>
        row.Metrics is { } m && Baseline.Metrics is { } b ? m.Map50 - b.Map50 : null;
}
