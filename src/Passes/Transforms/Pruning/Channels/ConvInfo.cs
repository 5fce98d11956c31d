using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// What the cost model needs of one Conv: output positions (0 when the shape is unknown), kernel area, groups,
/// channel counts, and the channel layouts of its input and output (null where the analysis has none).
/// </summary>
public sealed record ConvInfo(Node Conv, long OutSpatial, long KernelArea, long Group, int InChannels, int OutChannels, int[]? InLayout, int[]? OutLayout, bool HasBias)
{
    public bool Depthwise => Group > 1 && Group == InChannels && Group == OutChannels;
}
