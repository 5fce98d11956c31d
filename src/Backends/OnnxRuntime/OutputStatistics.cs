namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>How far one candidate output is from its reference.</summary>
public sealed record OutputStatistics(
    string Name,
    long Elements,
    double MaxAbsError,
    double MaxRelError,
    double MeanAbsError,
    double Cosine,
    long Mismatches,
    string? Problem = null)
{
    /// <summary>Equivalent: same shape and type, no element out of tolerance.</summary>
    public bool Passed => Problem is null && Mismatches == 0;
}
