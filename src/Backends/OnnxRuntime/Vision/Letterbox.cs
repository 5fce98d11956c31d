using SkiaSharp;
using OnnxOpt.Graph;

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

    public static LetterboxResult FromBitmap(SKBitmap source, int width, int height)
    {
        double scale = Math.Min((double)height / source.Height, (double)width / source.Width);
        int scaledWidth = (int)Math.Round(source.Width * scale, MidpointRounding.ToEven);
        int scaledHeight = (int)Math.Round(source.Height * scale, MidpointRounding.ToEven);
        double dw = (width - scaledWidth) / 2.0, dh = (height - scaledHeight) / 2.0;
        int left = (int)Math.Round(dw - 0.1, MidpointRounding.ToEven);
        int top = (int)Math.Round(dh - 0.1, MidpointRounding.ToEven);

        var info = new SKImageInfo(scaledWidth, scaledHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var scaled = source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
            ?? throw new InvalidDataException("cannot resize the image");
        var pixels = scaled.GetPixelSpan();
        int rowBytes = scaled.RowBytes;

        var data = new float[3 * width * height];
        Array.Fill(data, PadValue / 255f);
        int plane = width * height;
        for (int y = 0; y < scaledHeight; y++)
        {
            int row = (y + top) * width;
            for (int x = 0; x < scaledWidth; x++)
            {
                int p = (y * rowBytes) + (x * 4);
                int at = row + x + left;
                data[at] = pixels[p] / 255f;
                data[plane + at] = pixels[p + 1] / 255f;
                data[(2 * plane) + at] = pixels[p + 2] / 255f;
            }
        }

        return new LetterboxResult(Tensor.Create(data, 1, 3, height, width), (float)scale, left, top, source.Width, source.Height);
    }
}
