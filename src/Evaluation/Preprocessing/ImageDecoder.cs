using SkiaSharp;

namespace OnnxOpt.Evaluation.Preprocessing;

/// <summary>
/// Decodes image files with SkiaSharp and turns them upright by their EXIF orientation, as OpenCV's <c>imread</c>
/// (and therefore Ultralytics) does, so labels written for the upright image line up with the pixels.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes <paramref name="path"/> into an upright RGBA bitmap the caller disposes.</summary>
    public static SKBitmap Decode(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"image '{path}' does not exist", path);
        }

        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"cannot decode image '{path}'");
        // Opaque images stay opaque: Skia then resamples them without a premultiply round trip (which moves values by 1).
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, alpha);
        var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            decoded.Dispose();
            throw new InvalidDataException($"cannot decode image '{path}': {result}");
        }

        if (codec.EncodedOrigin == SKEncodedOrigin.TopLeft)
        {
            return decoded;
        }

        using (decoded)
        {
            return Orient(decoded, codec.EncodedOrigin);
        }
    }

    /// <summary>Redraws <paramref name="source"/> so that its stored orientation <paramref name="origin"/> becomes top-left.</summary>
    public static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        bool swap = SwapsAxes(origin);
        int width = swap ? source.Height : source.Width, height = swap ? source.Width : source.Height;
        var upright = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, source.AlphaType));
        using var canvas = new SKCanvas(upright);
        canvas.SetMatrix(OrientationMatrix(origin, source.Width, source.Height));
        canvas.DrawBitmap(source, 0, 0);
        return upright;
    }

    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    // The matrices map stored pixels to upright pixels for each EXIF orientation (1..8).
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
