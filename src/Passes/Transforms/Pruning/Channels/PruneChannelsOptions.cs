using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>Options of <see cref="PruneChannels"/>.</summary>
public sealed record PruneChannelsOptions : PassOptions
{
    [PassOption("amount", "fraction of each prunable group's channels to remove (scope=layer), or of all prunable channels (scope=global), 0 <= P < 1")]
    public double Amount { get; init; } = 0.25;

    [PassOption("target-flops", "when above 0: instead of amount, remove the fewest channels that cut Conv FLOPs by this fraction (0 < F < 1)")]
    public double TargetFlops { get; init; }

    [PassOption("criterion", "l1, l2 or bn-scaled filter norms, activation (mean |activation| on calibration images) or variance (consumer output variance added after mean absorption, on calibration images)")]
    public ChannelCriterion Criterion { get; init; } = ChannelCriterion.L2;

    [PassOption("scope", "layer: the same fraction of every group; global: one ranking over all groups, compared as ranking says")]
    public PruneScope Scope { get; init; } = PruneScope.Global;

    [PassOption("ranking", "scope=global: auto, group-mean (scores divided by their group's mean), absolute, or per-flop (score per Conv FLOP a channel saves)")]
    public ChannelRanking Ranking { get; init; } = ChannelRanking.Auto;

    [PassOption("round-to", "kept channel counts of every group become multiples of this (1: no rounding; groups no larger are left alone)")]
    public int RoundTo { get; init; } = 8;

    [PassOption("max-per-group", "at most this fraction of any group's channels is removed")]
    public double MaxPerGroup { get; init; } = 0.5;

    [PassOption("allocation", "variance: compare groups by the criterion's scores; output: score each channel by the slope of its group's measured error curve, the change of the model's outputs that trial cuts (1/4, 1/2, 3/4) of that group alone cause on calibration samples (three extra sessions per group)")]
    public ChannelAllocation Allocation { get; init; } = ChannelAllocation.Variance;

    [PassOption("allocation-samples", "allocation=output: how many calibration samples (the first ones) each trial cut runs")]
    public int AllocationSamples { get; init; } = 4;

    [PassOption("include", ".NET regular expression; only Convs whose node name matches lose output channels (empty: all)")]
    public string Include { get; init; } = string.Empty;

    [PassOption("exclude", ".NET regular expression; Convs whose node name matches keep their output channels (empty: none)")]
    public string Exclude { get; init; } = string.Empty;

    [PassOption("protect-head", "keep the output channels of an Ultralytics head's final box, class and DFL Convs")]
    public bool ProtectHead { get; init; } = true;

    [PassOption("reconstruct", "refit every changed consumer Conv by least squares on calibration images (needs a calibration source)")]
    public bool Reconstruct { get; init; }

    [PassOption("refit-stages", "reconstruct: 0 fits every Conv to the unpruned model's inputs in one pass; N >= 1 refits sequentially in N stages, each fitted to the inputs of the pruned model refitted so far (N+1 calibration passes)")]
    public int RefitStages { get; init; }

    [PassOption("ridge", "ridge regularisation of the least-squares refit, relative to the mean diagonal of X^T X")]
    public double Ridge { get; init; } = 1e-3;

    public override string? Validate()
    {
        if (Amount is < 0 or >= 1 || double.IsNaN(Amount))
        {
            return $"amount must be at least 0 and below 1 (got {OptionBinder.FormatValue(Amount)})";
        }

        if (TargetFlops is < 0 or >= 1 || double.IsNaN(TargetFlops))
        {
            return $"target-flops must be at least 0 and below 1 (got {OptionBinder.FormatValue(TargetFlops)})";
        }

        if (RoundTo < 1)
        {
            return $"round-to must be at least 1 (got {RoundTo})";
        }

        if (MaxPerGroup is <= 0 or > 1 || double.IsNaN(MaxPerGroup))
        {
            return $"max-per-group must be above 0 and at most 1 (got {OptionBinder.FormatValue(MaxPerGroup)})";
        }

        if (AllocationSamples < 1)
        {
            return $"allocation-samples must be at least 1 (got {AllocationSamples})";
        }

        if (RefitStages < 0)
        {
            return $"refit-stages must not be negative (got {RefitStages})";
        }

        if (Ridge < 0 || double.IsNaN(Ridge))
        {
            return $"ridge must not be negative (got {OptionBinder.FormatValue(Ridge)})";
        }

        return CheckRegex("include", Include) ?? CheckRegex("exclude", Exclude);
    }

    private static string? CheckRegex(string option, string pattern)
    {
        try
        {
            _ = pattern.Length == 0 ? null : PruneConvL1Options.CreateRegex(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"{option} is not a valid regular expression '{pattern}': {e.Message}";
        }
    }
}
