using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>How scope=global compares the scores of channels in different groups.</summary>
public enum ChannelRanking
{
    /// <summary>group-mean for the filter-norm and activation criteria, absolute for variance.</summary>
    [OptionName("auto")]
    Auto,

    /// <summary>Each score divided by its group's mean score (for criteria whose scale differs between layers).</summary>
    [OptionName("group-mean")]
    GroupMean,

    /// <summary>The scores as they are.</summary>
    [OptionName("absolute")]
    Absolute,

    /// <summary>Each score divided by the Conv FLOPs that removing one channel of its group saves (cost per FLOP saved).</summary>
    [OptionName("per-flop")]
    PerFlop,
}
