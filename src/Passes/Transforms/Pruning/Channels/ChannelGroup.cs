namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// A dependency group: channels (components, by root element) that appear in exactly the same tensors, so that
/// removing any number of them changes the same Convs, constants and shapes. <see cref="Producers"/> are the Convs
/// whose output filters the channels are, <see cref="Consumers"/> the Convs whose input columns they are.
/// <see cref="Closed"/> says why none may be removed (a graph output, an op the analysis cannot see through).
/// </summary>
public sealed record ChannelGroup(
    int Id,
    IReadOnlyList<int> Components,
    IReadOnlyList<string> Producers,
    IReadOnlyList<string> Consumers,
    int Tensors,
    string? Closed)
{
    public int Channels => Components.Count;

    public bool Prunable => Closed is null && Producers.Count > 0;
}
