using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// The result of <see cref="ChannelAnalyzer"/>: the channel elements and their components, the channel layout of
/// every value the analysis could follow, the places the surgery must edit, and the dependency groups.
/// </summary>
public sealed record ChannelAnalysis(
    ChannelElements Elements,
    IReadOnlyDictionary<Value, int[]> Layouts,
    IReadOnlyList<ChannelEdit> Edits,
    IReadOnlyList<ChannelGroup> Groups,
    IReadOnlyDictionary<int, string> ClosedRoots,
    IReadOnlyList<ConvInfo> Convs)
{
    /// <summary>The group of each component root.</summary>
    public Dictionary<int, ChannelGroup> GroupOfRoot() =>
        Groups.SelectMany(g => g.Components.Select(c => (c, g))).ToDictionary(p => p.c, p => p.g);
}
