namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>Over which weights `prune-conv-l1` ranks magnitudes.</summary>
public enum PruneScope
{
    /// <summary>Each Conv on its own: `round(amount * n)` of its n weights become zero (the paper's step).</summary>
    Layer,

    /// <summary>One threshold over all selected Conv weights together, so layers that matter more keep more.</summary>
    Global,
}
