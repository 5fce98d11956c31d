namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>The components chosen for removal, and how many of each group's channels go.</summary>
public sealed record ChannelSelection(IReadOnlySet<int> RemovedRoots, IReadOnlyDictionary<ChannelGroup, int> RemovedPerGroup)
{
    public static ChannelSelection None { get; } = new(new HashSet<int>(), new Dictionary<ChannelGroup, int>());
}
