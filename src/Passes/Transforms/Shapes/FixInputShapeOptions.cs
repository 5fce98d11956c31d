using System.Globalization;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Options of `fix-input-shape`: one `input=DxDx...` entry per graph input to fix.</summary>
public sealed record FixInputShapeOptions : PassOptions
{
    [PassOption("*", "input-name=1x3x640x640: the dims to give that graph input (several inputs allowed)")]
    public IReadOnlyDictionary<string, string> Shapes { get; init; } = new Dictionary<string, string>();

    public override string? Validate()
    {
        if (Shapes.Count == 0)
        {
            return "give at least one input shape, e.g. images=1x3x640x640";
        }

        foreach (var (name, text) in Shapes)
        {
            if (Parse(text) is null)
            {
                return $"option '{name}': '{text}' is not a shape like 1x3x640x640 (positive integers separated by 'x')";
            }
        }

        return null;
    }

    /// <summary>The dims of `1x3x640x640`, or null when the text is not such a shape.</summary>
    public static long[]? Parse(string text)
    {
        var parts = text.Split('x');
        var dims = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]) || dims[i] <= 0)
            {
                return null;
            }
        }

        return dims;
    }
}
