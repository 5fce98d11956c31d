namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Per-output statistics of one model against another, over every sample compared. With <see cref="MinCosine"/> an
/// output passes when its cosine similarity reaches it (shape and type still must match), whatever single elements
/// do: the check that suits lower-precision candidates, whose worst element can be off by more than any sane rtol.
/// </summary>
public sealed record ComparisonReport(IReadOnlyList<OutputStatistics> Outputs, double Atol, double Rtol, int Samples)
{
    public double? MinCosine { get; init; }

    public bool Passed => Outputs.All(PassedOutput);

    public bool PassedOutput(OutputStatistics output) =>
        MinCosine is { } min ? output.Problem is null && output.Cosine >= min : output.Passed;
}
