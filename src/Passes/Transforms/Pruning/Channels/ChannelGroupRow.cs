using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>prune-channels' "group-table" row: one pruned channel group, its producers and how many channels went.</summary>
public sealed record ChannelGroupRow(long Group, string Producers, long Channels, long Removed, long Kept) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
    [
        StatisticsCell.Of("group", Group),
        StatisticsCell.Of("producers", Producers),
        StatisticsCell.Of("channels", Channels),
        StatisticsCell.Of("removed", Removed),
        StatisticsCell.Of("kept", Kept),
    ];
}
