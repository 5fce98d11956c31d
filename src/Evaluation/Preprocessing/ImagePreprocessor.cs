using SkiaSharp;

namespace OnnxOpt.Evaluation.Preprocessing;

/// <summary>
/// Ultralytics' preprocessing for exported models: decode (EXIF orientation applied), letterbox to the model's
/// input size (aspect kept, bilinear, centred, grey 114 padding), RGB planes, values divided by 255, NCHW float32.
/// Thread-safe: one preprocessor can feed several decoding threads.
/// </summary>
public sealed class ImagePreprocessor
{
    /// <summary>The padding grey as a byte, as Ultralytics fills it.</summary>
    public const byte PadByte = 114;

    /// <summary>The padding grey as the model sees it (114 / 255).</summary>
    public const float PadValue = PadByte / 255f;

    // b / 255f for every byte, exactly as Ultralytics' float32 division gives it, looked up instead of divided.
    private static readonly float[] ByteToUnit = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    public ImagePreprocessor(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
    }

    public ImagePreprocessor(int size)
        : this(size, size)
    {
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Decodes and letterboxes an image file.</summary>
    public LetterboxedImage Load(string path)
    {
        using var bitmap = ImageDecoder.Decode(path);
        return Letterbox(bitmap);
    }

    /// <summary>Letterboxes a decoded (upright) image.</summary>
    public LetterboxedImage Letterbox(SKBitmap bitmap)
    {
        if (bitmap.Width < 1 || bitmap.Height < 1)
        {
            throw new ArgumentException("the image is empty", nameof(bitmap));
        }

        var transform = LetterboxTransform.Compute(bitmap.Width, bitmap.Height, Width, Height);
        int scaledWidth = transform.ScaledWidth, scaledHeight = transform.ScaledHeight;
        var info = new SKImageInfo(scaledWidth, scaledHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var scaled = scaledWidth == bitmap.Width && scaledHeight == bitmap.Height && bitmap.ColorType == SKColorType.Rgba8888
            ? null
            : new SKBitmap(info);
        if (scaled is not null && !bitmap.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)))
        {
            throw new InvalidDataException("SkiaSharp could not scale the image");
        }

        var source = scaled ?? bitmap;
        var values = new float[3 * Width * Height];
        Array.Fill(values, PadValue);
        CopyPlanes(source.GetPixelSpan(), source.RowBytes, scaledWidth, scaledHeight, values, transform);
        return new LetterboxedImage(values, transform);
    }

    private void CopyPlanes(ReadOnlySpan<byte> pixels, int rowBytes, int width, int height, float[] values, LetterboxTransform transform)
    {
        var scale = ByteToUnit;
        int plane = Width * Height;
        var red = values.AsSpan(0, plane);
        var green = values.AsSpan(plane, plane);
        var blue = values.AsSpan(2 * plane, plane);
        for (int y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            int target = ((transform.PadTop + y) * Width) + transform.PadLeft;
            for (int x = 0, source = 0; x < width; x++, source += 4)
            {
                red[target + x] = scale[row[source]];
                green[target + x] = scale[row[source + 1]];
                blue[target + x] = scale[row[source + 2]];
            }
        }
    }
}
