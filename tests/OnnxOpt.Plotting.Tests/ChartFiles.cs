using System.Xml.Linq;
using Xunit;

namespace OnnxOpt.Plotting.Tests;

/// <summary>Checks that a file is a real PNG or SVG image, not just a file with the right name.</summary>
public static class ChartFiles
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void AssertPng(string path, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);

        // IHDR follows the signature: length (4), "IHDR" (4), then big-endian width and height.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>Parses the SVG and returns all its text, so tests can check titles and labels were drawn.</summary>
    public static string AssertSvg(string path)
    {
        var document = XDocument.Load(path);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", document.Root.Name.NamespaceName);
        return string.Join("\n", document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
    }
}
