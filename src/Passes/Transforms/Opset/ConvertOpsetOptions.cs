using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>Options of <see cref="ConvertOpset"/>.</summary>
public sealed record ConvertOpsetOptions : PassOptions
{
    /// <summary>The default-domain opset the model is rewritten to.</summary>
    [PassOption("version", "target default-domain opset, 11 to 22")]
    public int Version { get; init; } = 17;

    public override string? Validate() =>
        Version is < OpsetConversion.MinTarget or > OpsetConversion.MaxTarget
            ? $"option 'version' must be between {OpsetConversion.MinTarget} and {OpsetConversion.MaxTarget}, not {Version}"
            : null;
}
