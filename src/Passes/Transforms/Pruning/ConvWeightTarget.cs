using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// One Conv weight initializer that `prune-conv-l1` may prune, with every Conv that reads it (a shared weight
/// is pruned once, and only when all its readers are selected).
/// </summary>
public sealed record ConvWeightTarget(Value Weight, IReadOnlyList<Node> Convs)
{
    /// <summary>The node name of the first Conv reading the weight, the name reports use for the layer.</summary>
    public string Name => Convs[0].Name;

    /// <summary>The weight's current data.</summary>
    public Tensor Tensor => Weight.ConstValue ?? throw new InvalidOperationException($"'{Weight.Name}' is no longer an initializer");
}
