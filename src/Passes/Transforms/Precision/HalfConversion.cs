using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// The float16 copy of a float32 tensor and what converting it cost: values clamped to ±max-finite, tiny
/// values raised to ±min-positive, and values that still rounded to zero.
/// </summary>
internal sealed record HalfConversion(Tensor Result, long Clamped, long Raised, long Flushed);
