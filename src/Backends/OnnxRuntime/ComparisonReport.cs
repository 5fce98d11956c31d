namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>Per-output statistics of one model against another, over every sample compared.</summary>
public sealed record ComparisonReport(IReadOnlyList<OutputStatistics> Outputs, double Atol, double Rtol, int Samples)
{
    public bool Passed => Outputs.All(o => o.Passed);
}
