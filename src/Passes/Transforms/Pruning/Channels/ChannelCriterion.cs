using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>How `prune-channels` ranks the channels of a group (lowest goes first).</summary>
public enum ChannelCriterion
{
    /// <summary>Sum of absolute filter weights (Li et al. 2017).</summary>
    [OptionName("l1")]
    L1,

    /// <summary>Euclidean norm of the filter.</summary>
    [OptionName("l2")]
    L2,

    /// <summary>
    /// Norm of the filter after the BatchNormalization that follows it: |γ/√(σ²+ε)|·‖w‖₂ (network slimming's γ,
    /// with the filter's own scale). Convs without a following BatchNormalization use plain L2; Ultralytics exports
    /// have BN folded into the Conv, where this equals L2.
    /// </summary>
    [OptionName("bn-scaled")]
    BnScaled,

    /// <summary>Mean absolute activation of the channel over calibration images (needs a calibration source).</summary>
    [OptionName("activation")]
    Activation,

    /// <summary>
    /// What removing the channel costs its consumers once its mean has moved into their biases: Σ over consumer Convs
    /// of ‖W[:,c]‖²·Var(a_c) / Σ_o Var(y_o), the variance the channel adds to each consumer's output relative to that
    /// output's variance, on calibration images (needs a calibration source). A near-constant channel is cheap to
    /// remove however large its mean; scores are comparable across groups, so global ranking uses them as they are.
    /// </summary>
    [OptionName("variance")]
    Variance,
}
