using SkiaSharp;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Images;

/// <summary>
/// The Ultralytics letterbox preprocessing: scale the image to fit the input while keeping its aspect ratio
/// (bilinear), centre it, pad the rest with grey 114, and lay it out as a [1,3,H,W] float tensor of RGB values
/// in 0..1. The arithmetic follows Ultralytics' `LetterBox` (Python's round-half-to-even, the ±0.1 split of an odd
/// padding), so the tensor has the same geometry as the one Ultralytics feeds an exported model.
/// </summary>
public static class Letterbox
{
    /// <summary>The padding grey, 114, as the model sees it.</summary>
    public const float PadValue = 114f / 255f;

    public static LetterboxImage FromFile(string path, int size) => FromFile(path, size, size);

    public static LetterboxImage FromFile(string path, int width, int height)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"image '{path}' does not exist", path);
        }

        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"cannot decode image '{path}'");
        return FromBitmap(bitmap, width, height);
    }

    public static LetterboxImage FromBitmap(SKBitmap bitmap, int size) => FromBitmap(bitmap, size, size);

    public static LetterboxImage FromBitmap(SKBitmap bitmap, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (bitmap.Width < 1 || bitmap.Height < 1)
        {
            throw new ArgumentException("the image is empty", nameof(bitmap));
        }

        double scale = Math.Min((double)height / bitmap.Height, (double)width / bitmap.Width);
        int scaledWidth = Math.Max(1, (int)Math.Round(bitmap.Width * scale, MidpointRounding.ToEven));
        int scaledHeight = Math.Max(1, (int)Math.Round(bitmap.Height * scale, MidpointRounding.ToEven));
        double padX = (width - scaledWidth) / 2.0, padY = (height - scaledHeight) / 2.0;
        int left = (int)Math.Round(padX - 0.1, MidpointRounding.ToEven);
        int top = (int)Math.Round(padY - 0.1, MidpointRounding.ToEven);

        var info = new SKImageInfo(scaledWidth, scaledHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var scaled = new SKBitmap(info);
        if (!bitmap.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)))
        {
            throw new InvalidDataException("SkiaSharp could not scale the image");
        }

        var values = new float[3 * width * height];
        Array.Fill(values, PadValue);
        var pixels = scaled.GetPixelSpan();
        int plane = width * height;
        int rowBytes = scaled.RowBytes;
        for (int y = 0; y < scaledHeight; y++)
        {
            int row = (top + y) * width;
            for (int x = 0; x < scaledWidth; x++)
            {
                int source = (y * rowBytes) + (x * 4);
                int target = row + left + x;
                values[target] = pixels[source] / 255f;
                values[plane + target] = pixels[source + 1] / 255f;
                values[(2 * plane) + target] = pixels[source + 2] / 255f;
            }
        }

        return new LetterboxImage(Tensor.Create(values, 1, 3, height, width), bitmap.Width, bitmap.Height, scale, left, top);
    }
}
