using OnnxOpt.Graph.IR;
using SkiaSharp;

namespace OnnxOpt.Backends.OnnxRuntime.Vision;

/// <summary>
/// Ultralytics' letterbox preprocessing: scale the image to fit the input keeping its aspect ratio (bilinear),
/// centre it on a canvas filled with grey 114, and hand it over as RGB float32 CHW in [0, 1]. Padding follows
/// Ultralytics' rounding (<c>round(d ± 0.1)</c>) so boxes map back the same way. Images are decoded with SkiaSharp.
/// </summary>
public static class Letterbox
{
    public const byte PadValue = 114;

    /// <summary>Decodes an image file and letterboxes it to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static LetterboxResult FromFile(string path, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"cannot decode image '{path}'");
        return FromBitmap(bitmap, width, height);
    }

    /// <summary>Letterboxes a decoded image; the pixel work is shared with <see cref="Images.Letterbox"/>.</summary>
    public static LetterboxResult FromBitmap(SKBitmap source, int width, int height)
    {
        var image = Images.Letterbox.FromBitmap(source, width, height);
        return new LetterboxResult(image.Tensor, (float)image.Scale, image.PadLeft, image.PadTop, image.SourceWidth, image.SourceHeight);
    }
}
