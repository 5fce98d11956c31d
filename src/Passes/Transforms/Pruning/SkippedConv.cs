namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// A Conv that passed the name filters but whose weight is left alone, and why. <see cref="Requested"/> is true for
/// skips the options asked for (skip-depthwise, min-weights), which are recorded without a warning.
/// </summary>
public sealed record SkippedConv(string Node, string Weight, string Reason, bool Requested = false);
