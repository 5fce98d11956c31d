using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.TestSupport;
using SkiaSharp;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Preprocessing;

public sealed class ImagePreprocessorTests
{
    private const float Grey = ImagePreprocessor.PadValue;

    private static float[] Pixel(float[] values, int size, int x, int y) =>
        [values[(y * size) + x], values[(size * size) + (y * size) + x], values[(2 * size * size) + (y * size) + x]];

    [Fact]
    public void Wide_image_is_scaled_centred_and_padded_with_114_as_rgb_planes()
    {
        using var bitmap = TestImages.TwoColour(200, 100);

        var image = new ImagePreprocessor(64).Letterbox(bitmap);

        Assert.Equal([1L, 3, 64, 64], image.ToTensor().Dims);
        Assert.Equal(0.32, image.Transform.Scale, 12);
        Assert.Equal((0, 16), (image.Transform.PadLeft, image.Transform.PadTop));
        Assert.Equal([Grey, Grey, Grey], Pixel(image.Pixels, 64, 10, 15));
        Assert.Equal([Grey, Grey, Grey], Pixel(image.Pixels, 64, 10, 48));
        Assert.Equal([1f, 0f, 0f], Pixel(image.Pixels, 64, 10, 16));
        Assert.Equal([0f, 0f, 1f], Pixel(image.Pixels, 64, 54, 47));
        Assert.Equal(114f / 255f, Grey);
    }

    [Fact]
    public void Odd_padding_is_split_like_ultralytics()
    {
        // 100x39 -> 64x25 (24.96 rounds up); 39 rows of padding: 19 above, 20 below (round(19.5 - 0.1), round(19.5 + 0.1)).
        using var bitmap = TestImages.TwoColour(100, 39);

        var image = new ImagePreprocessor(64).Letterbox(bitmap);

        Assert.Equal(19, image.Transform.PadTop);
        Assert.Equal(Grey, Pixel(image.Pixels, 64, 5, 18)[0]);
        Assert.Equal(1f, Pixel(image.Pixels, 64, 5, 19)[0]);
        Assert.Equal(1f, Pixel(image.Pixels, 64, 5, 43)[0]);
        Assert.Equal(Grey, Pixel(image.Pixels, 64, 5, 44)[0]);
    }

    [Theory]
    [InlineData(64, 37)] // fills the width: copied as is, 27 rows of padding
    [InlineData(23, 64)] // fills the height: 23 columns (not a whole number of vectors), padding on both sides
    [InlineData(50, 90)] // scaled up by SkiaSharp first
    public void Letterboxing_into_a_used_buffer_gives_every_value_as_a_fresh_letterbox_does(int width, int height)
    {
        using var bitmap = TestImages.Noise(width, height, seed: width * height);
        var preprocessor = new ImagePreprocessor(64);
        var buffer = new float[preprocessor.ValueCount];
        Array.Fill(buffer, float.NaN);

        var transform = preprocessor.LetterboxInto(bitmap, buffer);

        var fresh = preprocessor.Letterbox(bitmap);
        Assert.Equal(fresh.Transform, transform);
        Assert.Equal(fresh.Pixels, buffer);
    }

    [Fact]
    public void Unscaled_pixels_become_byte_over_255_in_rgb_planes_and_the_rest_is_grey()
    {
        using var bitmap = TestImages.Noise(64, 37, seed: 3);
        var pixels = bitmap.GetPixelSpan().ToArray();

        var image = new ImagePreprocessor(64).Letterbox(bitmap);

        int top = image.Transform.PadTop;
        Assert.Equal(13, top);
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                int source = (((y - top) * 64) + x) * 4;
                float[] expected = y >= top && y < top + 37
                    ? [pixels[source] / 255f, pixels[source + 1] / 255f, pixels[source + 2] / 255f]
                    : [Grey, Grey, Grey];
                Assert.Equal(expected, Pixel(image.Pixels, 64, x, y));
            }
        }
    }

    [Fact]
    public void A_buffer_of_the_wrong_size_is_refused()
    {
        using var bitmap = TestImages.TwoColour(10, 10);

        Assert.Throws<ArgumentException>(() => new ImagePreprocessor(64).LetterboxInto(bitmap, new float[10]));
    }

    [Fact]
    public void Boxes_map_to_the_source_and_back()
    {
        var transform = LetterboxTransform.Compute(200, 100, 64, 64);
        var input = new Detection(0, 1, 0, 16, 32, 32);

        var source = transform.ToSource(input);

        Assert.Equal((0f, 0f, 100f, 50f), (source.X1, source.Y1, source.X2, source.Y2));
        Assert.Equal(input, transform.ToInput(source));
        var clipped = transform.ToSource(new Detection(0, 1, -10, 0, 70, 64));
        Assert.Equal((0f, 0f, 200f, 100f), (clipped.X1, clipped.Y1, clipped.X2, clipped.Y2));
    }

    [Fact]
    public void Exif_orientation_turns_the_image_upright_before_letterboxing()
    {
        using var dir = new TempDirectory();
        using var bitmap = TestImages.TwoColour(40, 20);

        // Orientation 6: the stored image is shown turned 90 degrees clockwise, so its left (red) half ends up on top.
        TestImages.SaveJpegWithOrientation(bitmap, dir.File("rotated.jpg"), 6);
        using (var upright = ImageDecoder.Decode(dir.File("rotated.jpg")))
        {
            Assert.Equal((20, 40, SKAlphaType.Opaque), (upright.Width, upright.Height, upright.AlphaType));
            Assert.True(IsRed(upright.GetPixel(10, 5)), $"top is {upright.GetPixel(10, 5)}");
            Assert.True(IsBlue(upright.GetPixel(10, 35)), $"bottom is {upright.GetPixel(10, 35)}");
        }

        // Orientation 3: turned 180 degrees, so red is on the right.
        TestImages.SaveJpegWithOrientation(bitmap, dir.File("flipped.jpg"), 3);
        using (var upright = ImageDecoder.Decode(dir.File("flipped.jpg")))
        {
            Assert.Equal((40, 20), (upright.Width, upright.Height));
            Assert.True(IsRed(upright.GetPixel(35, 10)));
        }

        var image = new ImagePreprocessor(40).Load(dir.File("rotated.jpg"));
        Assert.Equal((20, 40, 10, 0), (image.Transform.SourceWidth, image.Transform.SourceHeight, image.Transform.PadLeft, image.Transform.PadTop));
    }

    [Fact]
    public void Files_are_decoded_and_bad_files_are_reported()
    {
        using var dir = new TempDirectory();
        using (var bitmap = TestImages.TwoColour(40, 80))
        {
            TestImages.Save(bitmap, dir.File("tall.png"));
        }

        var image = new ImagePreprocessor(32).Load(dir.File("tall.png"));
        Assert.Equal((8, 0), (image.Transform.PadLeft, image.Transform.PadTop));
        Assert.Equal((40, 80), (image.Transform.SourceWidth, image.Transform.SourceHeight));
        Assert.Equal([1f, 0f, 0f], Pixel(image.Pixels, 32, 9, 16));

        File.WriteAllText(dir.File("bad.jpg"), "not an image");
        Assert.Contains("cannot decode image", Assert.Throws<InvalidDataException>(() => new ImagePreprocessor(32).Load(dir.File("bad.jpg"))).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => new ImagePreprocessor(32).Load(dir.File("missing.jpg")));
    }

    [SkippableFact]
    public void Bus_jpg_has_ultralytics_geometry()
    {
        string? path = SharedData.Find(Path.Combine("images", "bus.jpg"));
        Skip.If(path is null, SharedData.MissingMessage);

        var image = new ImagePreprocessor(640).Load(path);

        // 810x1080 scaled by 640/1080 is 480x640, centred with 80 grey columns on each side.
        Assert.Equal((810, 1080, 80, 0), (image.Transform.SourceWidth, image.Transform.SourceHeight, image.Transform.PadLeft, image.Transform.PadTop));
        Assert.Equal(Grey, image.Pixels[79]);
        Assert.NotEqual(Grey, image.Pixels[(320 * 640) + 320]);
        Assert.All(image.Pixels, v => Assert.InRange(v, 0f, 1f));
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Blue < 60;

    private static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60;
}
