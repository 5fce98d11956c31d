using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Where a run of channels starts: a Conv whose output channels may be removed (<see cref="Conv"/> set, not closed),
/// or a value the analysis cannot trace further back (a graph input, an op it does not know), which is closed.
/// </summary>
public sealed record ChannelSource(string Name, Node? Conv, string? Closed);
