using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>Which weights `prune-conv-l1` may zero.</summary>
public enum PrunePattern
{
    /// <summary>Any weight (unstructured sparsity).</summary>
    Element,

    /// <summary>
    /// In every group of 4 consecutive input channels (per output channel and kernel position) the 2 smallest
    /// magnitudes become zero: the semi-structured layout that TensorRT's sparse tensor cores run.
    /// </summary>
    [OptionName("2:4")]
    TwoOfFour,
}
