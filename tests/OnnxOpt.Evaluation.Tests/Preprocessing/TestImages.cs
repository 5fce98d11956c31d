using SkiaSharp;

namespace OnnxOpt.Evaluation.Tests.Preprocessing;

/// <summary>Small generated images for tests that must run on a fresh clone.</summary>
internal static class TestImages
{
    /// <summary>A w x h image: red left half, blue right half.</summary>
    public static SKBitmap TwoColour(int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var red = new SKPaint { Color = SKColors.Red };
        using var blue = new SKPaint { Color = SKColors.Blue };
        canvas.DrawRect(0, 0, width / 2f, height, red);
        canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        return bitmap;
    }

    /// <summary>An opaque w x h image of random RGB values (the same for the same seed).</summary>
    public static SKBitmap Noise(int width, int height, int seed)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var bytes = new byte[width * height * 4];
        new Random(seed).NextBytes(bytes);
        for (int i = 3; i < bytes.Length; i += 4)
        {
            bytes[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        return bitmap;
    }

    public static void Save(SKBitmap bitmap, string path, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A JPEG with an EXIF APP1 segment holding only the orientation tag, as cameras write it.</summary>
    public static void SaveJpegWithOrientation(SKBitmap bitmap, string path, ushort orientation)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        var jpeg = data.ToArray();
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1,                                     // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,             // tag 0x0112 Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,                               // no next IFD
        ];
        byte[] exif = [.. "Exif"u8, 0, 0, .. tiff];
        int length = exif.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        File.WriteAllBytes(path, [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)]);
    }
}
