using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Turns the TensorRT commands' option text into library values, reporting bad text as usage errors (exit 2):
/// an unknown target lists the known ones.
/// </summary>
public static class TargetArguments
{
    public static TargetProfile Target(string name) =>
        TargetProfiles.Find(name) ?? throw new UsageException($"unknown target '{name}'; known targets: {string.Join(", ", TargetProfiles.Names)}");

    public static Precision Precision(string text) =>
        Precisions.TryParse(text, out var precision) ? precision : throw new UsageException($"--precision must be fp32, fp16 or int8, not '{text}'");

    /// <summary>Fixed shapes (min = opt = max) from <c>images:1x3x640x640,...</c>; null when none are given.</summary>
    public static ShapeProfile? FixedShapes(string? text) => text is null ? null : Shapes(() => ShapeProfile.Fixed(text), "--shapes");

    /// <summary>An optimization profile from the three shape lists; all three or none.</summary>
    public static ShapeProfile? Profile(string? min, string? opt, string? max)
    {
        if (min is null && opt is null && max is null)
        {
            return null;
        }

        if (min is null || opt is null || max is null)
        {
            throw new UsageException("give --min-shapes, --opt-shapes and --max-shapes together");
        }

        return Shapes(() => ShapeProfile.Parse(min, opt, max), "shapes");
    }

    private static ShapeProfile Shapes(Func<ShapeProfile> parse, string what)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{what}: {e.Message}", e);
        }
    }
}
