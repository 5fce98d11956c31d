using System.Globalization;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>Options of <see cref="ConvertFloat16"/>.</summary>
public sealed record ConvertFloat16Options : PassOptions
{
    /// <summary>The largest finite float16 value.</summary>
    public const double Float16Max = 65504;

    [PassOption("keep-io-types", "graph inputs and outputs stay float32, with one Cast at each boundary; false makes them float16 too")]
    public bool KeepIoTypes { get; init; } = true;

    [PassOption("op-block-list", "op types that stay float32, with Casts around them (replaces the default list; see docs/fp16.md)")]
    public IReadOnlyList<string> OpBlockList { get; init; } = Float16OpRules.DefaultBlockList;

    [PassOption("node-block-list", "node names that stay float32, with Casts around them")]
    public IReadOnlyList<string> NodeBlockList { get; init; } = [];

    [PassOption("max-finite", "finite float32 constants beyond ±this become ±this (at most 65504, the float16 maximum)")]
    public double MaxFinite { get; init; } = Float16Max;

    [PassOption("min-positive", "non-zero float32 constants closer to zero than this become ±this (5.96e-8 is the smallest float16 subnormal; 0 lets them round, possibly to zero)")]
    public double MinPositive { get; init; } = 5.96e-8;

    public override string? Validate()
    {
        if (!(MaxFinite > 0 && MaxFinite <= Float16Max))
        {
            return $"max-finite must be in (0, {Float16Max.ToString(CultureInfo.InvariantCulture)}], not {MaxFinite.ToString(CultureInfo.InvariantCulture)}";
        }

        if (!(MinPositive >= 0 && MinPositive < MaxFinite))
        {
            return $"min-positive must be at least 0 and below max-finite, not {MinPositive.ToString(CultureInfo.InvariantCulture)}";
        }

        return null;
    }
}
