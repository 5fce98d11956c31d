using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Folding;

/// <summary>Options of `fold-constants`.</summary>
public sealed record FoldConstantsOptions : PassOptions
{
    [PassOption("size-threshold", "largest folded result in bytes; bigger results (Tile/Expand/ConstantOfShape blow-ups) stay computed at run time")]
    public long SizeThreshold { get; init; } = 4L << 20;

    [PassOption("fold-quantization", "also fold QuantizeLinear/DequantizeLinear (turns quantized weights back into float)")]
    public bool FoldQuantization { get; init; }

    [PassOption("use-evaluator", "evaluate ops without a built-in kernel with the context's constant evaluator (ONNX Runtime) when one is set")]
    public bool UseEvaluator { get; init; } = true;

    public override string? Validate() => SizeThreshold < 0 ? "size-threshold must be 0 or more bytes" : null;
}
