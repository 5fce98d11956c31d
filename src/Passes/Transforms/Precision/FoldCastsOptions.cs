using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>Options of <see cref="FoldCasts"/>.</summary>
public sealed record FoldCastsOptions : PassOptions
{
    [PassOption("allow-precision-loss", "also fold chains of float casts that round in the middle (fp32->fp16->fp32 becomes nothing), changing results slightly")]
    public bool AllowPrecisionLoss { get; init; }
}
