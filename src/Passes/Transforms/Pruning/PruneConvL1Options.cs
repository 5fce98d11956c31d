using System.Text.RegularExpressions;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>Options of <see cref="PruneConvL1"/>.</summary>
public sealed record PruneConvL1Options : PassOptions
{
    /// <summary>The paper's pruning amount.</summary>
    public const double DefaultAmount = 0.05;

    [PassOption("amount", "fraction of weights to zero, 0 <= P < 1 (per layer, or overall with scope=global); ignored by pattern=2:4, which fixes 50%")]
    public double Amount { get; init; } = DefaultAmount;

    [PassOption("scope", "layer: round(P*n) weights of every Conv; global: one magnitude threshold over all selected Convs")]
    public PruneScope Scope { get; init; } = PruneScope.Layer;

    [PassOption("pattern", "element: any weight; 2:4: the 2 smallest of every 4 consecutive input channels (TensorRT sparse tensor cores)")]
    public PrunePattern Pattern { get; init; } = PrunePattern.Element;

    [PassOption("include", ".NET regular expression; only Convs whose node name matches are pruned (empty: all)")]
    public string Include { get; init; } = string.Empty;

    [PassOption("exclude", ".NET regular expression; Convs whose node name matches are left alone (empty: none)")]
    public string Exclude { get; init; } = string.Empty;

    [PassOption("skip-depthwise", "leave depthwise Convs (group > 1, one input channel per group) alone")]
    public bool SkipDepthwise { get; init; }

    [PassOption("min-weights", "leave Convs with fewer weights than this alone")]
    public long MinWeights { get; init; }

    public override string? Validate()
    {
        if (Amount is < 0 or >= 1 || double.IsNaN(Amount))
        {
            return $"amount must be at least 0 and below 1 (got {OptionBinder.FormatValue(Amount)})";
        }

        if (MinWeights < 0)
        {
            return $"min-weights must not be negative (got {MinWeights})";
        }

        if (Pattern == PrunePattern.TwoOfFour && Scope == PruneScope.Global)
        {
            return "scope=global cannot be combined with pattern=2:4 (2:4 decides within each group of 4 weights)";
        }

        return CheckRegex("include", Include) ?? CheckRegex("exclude", Exclude);
    }

    internal static Regex CreateRegex(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string? CheckRegex(string option, string pattern)
    {
        if (pattern.Length == 0)
        {
            return null;
        }

        try
        {
            CreateRegex(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"{option} is not a valid regular expression '{pattern}': {e.Message}";
        }
    }
}
