using OnnxOpt.Backends.OnnxRuntime.Images;
using OnnxOpt.TestSupport;
using SkiaSharp;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning;

public sealed class LetterboxTests
{
    /// <summary>A w x h image: red left half, blue right half.</summary>
    private static SKBitmap TwoColour(int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var red = new SKPaint { Color = SKColors.Red };
        using var blue = new SKPaint { Color = SKColors.Blue };
        canvas.DrawRect(0, 0, width / 2f, height, red);
        canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        return bitmap;
    }

    private static float[] Pixel(float[] values, int size, int x, int y) =>
        [values[(y * size) + x], values[(size * size) + (y * size) + x], values[(2 * size * size) + (y * size) + x]];

    [Fact]
    public void Wide_image_is_scaled_centred_and_padded_with_114()
    {
        using var bitmap = TwoColour(200, 100);
        var image = Letterbox.FromBitmap(bitmap, 64);
        Assert.Equal([1L, 3, 64, 64], image.Tensor.Dims);
        Assert.Equal(0.32, image.Scale, 12);
        Assert.Equal((0, 16), (image.PadLeft, image.PadTop));
        var values = image.Tensor.ToArray<float>();
        Assert.Equal([Letterbox.PadValue, Letterbox.PadValue, Letterbox.PadValue], Pixel(values, 64, 10, 15));
        Assert.Equal([Letterbox.PadValue, Letterbox.PadValue, Letterbox.PadValue], Pixel(values, 64, 10, 48));
        Assert.Equal([1f, 0f, 0f], Pixel(values, 64, 10, 16));
        Assert.Equal([0f, 0f, 1f], Pixel(values, 64, 54, 47));
        Assert.Equal(100, image.ToSourceX(32), 9);
        Assert.Equal(50, image.ToSourceY(32), 9);
    }

    [Fact]
    public void Odd_padding_is_split_like_ultralytics()
    {
        // 100x39 -> 64x25 (24.96 rounds up); 39 rows of padding: 19 above, 20 below (round(19.5 - 0.1), round(19.5 + 0.1)).
        using var bitmap = TwoColour(100, 39);
        var image = Letterbox.FromBitmap(bitmap, 64);
        Assert.Equal(19, image.PadTop);
        var values = image.Tensor.ToArray<float>();
        Assert.Equal(Letterbox.PadValue, Pixel(values, 64, 5, 18)[0]);
        Assert.Equal(1f, Pixel(values, 64, 5, 19)[0]);
        Assert.Equal(1f, Pixel(values, 64, 5, 43)[0]);
        Assert.Equal(Letterbox.PadValue, Pixel(values, 64, 5, 44)[0]);
    }

    [Fact]
    public void Files_are_decoded_and_bad_files_are_reported()
    {
        using var dir = new TempDirectory();
        using (var bitmap = TwoColour(40, 80))
        using (var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(dir.File("tall.png"), data.ToArray());
        }

        var image = Letterbox.FromFile(dir.File("tall.png"), 32);
        Assert.Equal((8, 0), (image.PadLeft, image.PadTop));
        Assert.Equal((40, 80), (image.SourceWidth, image.SourceHeight));
        Assert.Equal([1f, 0f, 0f], Pixel(image.Tensor.ToArray<float>(), 32, 9, 16));

        File.WriteAllText(dir.File("bad.jpg"), "not an image");
        Assert.Contains("cannot decode image", Assert.Throws<InvalidDataException>(() => Letterbox.FromFile(dir.File("bad.jpg"), 32)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => Letterbox.FromFile(dir.File("missing.jpg"), 32));
    }

    [SkippableFact]
    public void Bus_image_has_ultralytics_geometry()
    {
        string? path = SharedData.Find(Path.Combine("images", "bus.jpg"));
        Skip.If(path is null, SharedData.MissingMessage);
        var image = Letterbox.FromFile(path, 640);
        Assert.Equal((810, 1080), (image.SourceWidth, image.SourceHeight));
        Assert.Equal((80, 0), (image.PadLeft, image.PadTop));
        var values = image.Tensor.ToArray<float>();
        Assert.Equal(Letterbox.PadValue, values[79]);
        Assert.NotEqual(Letterbox.PadValue, values[(320 * 640) + 320]);
        Assert.All(values, v => Assert.InRange(v, 0f, 1f));
    }
}
