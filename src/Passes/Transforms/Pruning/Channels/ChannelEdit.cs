using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// One place that the surgery must change when channels go. <see cref="Layout"/> is the element id of every channel
/// the edit sees (in order); a channel goes when its element's component is removed.
/// </summary>
public abstract record ChannelEdit(Node Node, int[] Layout);

/// <summary>A plain Conv (group=1) whose output channels are a prunable source: weight rows and bias entries go.</summary>
public sealed record ConvOutputEdit(Node Node, int[] Layout) : ChannelEdit(Node, Layout);

/// <summary>A plain Conv (group=1) reading the channels: weight input columns go.</summary>
public sealed record ConvInputEdit(Node Node, int[] Layout) : ChannelEdit(Node, Layout);

/// <summary>A depthwise Conv (group = channels): channels pass through; weight rows, bias entries and `group` shrink.</summary>
public sealed record DepthwiseEdit(Node Node, int[] Layout) : ChannelEdit(Node, Layout);

/// <summary>A per-channel constant input (BatchNormalization parameters, a per-channel scale or bias) sliced on <see cref="Axis"/>.</summary>
public sealed record ConstantEdit(Node Node, int[] Layout, int InputIndex, int Axis) : ChannelEdit(Node, Layout);

/// <summary>A Split along channels: the sizes of its outputs become the kept counts of each piece.</summary>
public sealed record SplitEdit(Node Node, int[] Layout, long[] Sizes) : ChannelEdit(Node, Layout);

/// <summary>A Slice along channels with step 1: start and end move to the kept positions.</summary>
public sealed record SliceEdit(Node Node, int[] Layout, int AxisIndex, long Start, long End) : ChannelEdit(Node, Layout);

/// <summary>A Reshape that keeps batch and channel axes: its target shape's channel entry becomes the kept count.</summary>
public sealed record ReshapeEdit(Node Node, int[] Layout) : ChannelEdit(Node, Layout);
