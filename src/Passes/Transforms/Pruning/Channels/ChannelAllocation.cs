using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>How `prune-channels` weighs one group's channels against another's before the global ranking.</summary>
public enum ChannelAllocation
{
    /// <summary>The criterion's scores as they are (a single-layer estimate for the variance criterion).</summary>
    [OptionName("variance")]
    Variance,

    /// <summary>
    /// Each channel scores the slope of its group's measured error curve: how far trial cuts of that group alone move
    /// the model's own outputs on calibration samples (<see cref="OutputSensitivity"/>).
    /// </summary>
    [OptionName("output")]
    Output,
}
