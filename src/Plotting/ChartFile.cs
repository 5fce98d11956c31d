using System.Text;
using OnnxOpt.Graph.Serialization;
using ScottPlot;

namespace OnnxOpt.Plotting;

/// <summary>
/// Writes a ScottPlot chart as PNG or SVG, chosen by the file's extension, through a temporary file and a rename
/// so a half-written chart never replaces a good one.
/// </summary>
public static class ChartFile
{
    public const int DefaultWidth = 900;

    public const int DefaultHeight = 600;

    /// <summary>True when the path ends in .png or .svg (case-insensitive), the formats <see cref="Save"/> writes.</summary>
    public static bool IsSupported(string path) => FormatOf(path) is not null;

    public static void Save(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        byte[] bytes = FormatOf(path) switch
        {
            ".png" => plot.GetImageBytes(width, height, ImageFormat.Png),
            ".svg" => Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height)),
            _ => throw new ArgumentException($"cannot write a chart to '{path}': use a .png or .svg file name", nameof(path)),
        };
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    private static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ".png",
        ".svg" => ".svg",
        _ => null,
    };
}
