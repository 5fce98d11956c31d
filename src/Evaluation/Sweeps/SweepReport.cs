using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Sweeps;

/// <summary>
/// The result of a sweep: the unmodified model's metrics (the baseline every Δ is taken against) and one point per
/// template and value, templates in the order given, values in the order given.
/// </summary>
public sealed record SweepReport(string Model, string Dataset, int Images, string Parameter, DetectionMetrics Baseline, IReadOnlyList<SweepPoint> Points)
{
    public IReadOnlyList<string> Templates => Points.Select(p => p.Template).Distinct().ToList();

    public IEnumerable<SweepPoint> PointsOf(string template) => Points.Where(p => p.Template == template);
}
