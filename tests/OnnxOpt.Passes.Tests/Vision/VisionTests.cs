using OnnxOpt.Backends.OnnxRuntime.Vision;
using OnnxOpt.Graph.IR;
using OnnxOpt.TestSupport;
using SkiaSharp;
using Xunit;

namespace OnnxOpt.Passes.Tests.Vision;

/// <summary>The letterbox, YOLO decoding and NMS used to compare float32 and float16 detections.</summary>
public sealed class VisionTests
{
    private const float Grey = Letterbox.PadValue / 255f;

    [Fact]
    public void Letterbox_centres_the_image_on_grey_as_rgb_planes_in_zero_to_one()
    {
        using var bitmap = new SKBitmap(4, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(new SKColor(255, 0, 51));

        var result = Letterbox.FromBitmap(bitmap, 4, 4);

        Assert.Equal([1L, 3, 4, 4], result.Input.Dims);
        Assert.Equal((1f, 0, 1), (result.Scale, result.PadX, result.PadY));
        var data = result.Input.ToArray<float>();
        float Pixel(int channel, int y, int x) => data[(channel * 16) + (y * 4) + x];
        Assert.Equal(Grey, Pixel(0, 0, 0));
        Assert.Equal(Grey, Pixel(2, 3, 3));
        Assert.Equal((1f, 0f, 0.2f), (Pixel(0, 1, 2), Pixel(1, 1, 2), Pixel(2, 2, 0)));
    }

    [SkippableFact]
    public void Bus_jpg_fills_the_height_and_maps_boxes_back_to_its_pixels()
    {
        string? path = SharedData.Find(Path.Combine("images", "bus.jpg"));
        Skip.If(path is null, SharedData.MissingMessage);

        var result = Letterbox.FromFile(path, 640, 640);

        // 810x1080 scaled by 640/1080 is 480x640, centred with 80 grey columns on each side.
        Assert.Equal((80, 0, 810, 1080), (result.PadX, result.PadY, result.SourceWidth, result.SourceHeight));
        Assert.Equal(640f / 1080, result.Scale, 6);
        Assert.Equal(Grey, result.Input.ToArray<float>()[79]);
        var back = result.ToSource(new Detection(0, 1, 80, 0, 560, 640));
        Assert.Equal((0f, 0f, 810f, 1080f), (back.X1, back.Y1, back.X2, back.Y2));
    }

    [Fact]
    public void Nms_drops_overlapping_boxes_of_one_class_only()
    {
        var strong = new Detection(1, 0.9f, 0, 0, 10, 10);
        var overlapping = new Detection(1, 0.8f, 1, 1, 11, 11);
        var otherClass = new Detection(2, 0.7f, 1, 1, 11, 11);
        var apart = new Detection(1, 0.6f, 20, 20, 30, 30);

        var kept = Nms.Apply([overlapping, apart, strong, otherClass], 0.45f);

        Assert.Equal([strong, otherClass, apart], kept);
    }

    [Fact]
    public void Decoder_turns_centre_boxes_with_the_best_class_above_the_threshold_into_detections()
    {
        // [1, 4 + 2 classes, 3 anchors], row-major: cx, cy, w, h, score of class 0, score of class 1.
        float[] data =
        [
            10, 50, 90,
            20, 50, 90,
            4, 10, 8,
            6, 10, 8,
            0.9f, 0.1f, 0.2f,
            0.1f, 0.3f, 0.24f,
        ];

        var detections = YoloDecoder.Decode(Tensor.Create(data, 1, 6, 3), classCount: 2);

        Assert.Equal([new Detection(0, 0.9f, 8, 17, 12, 23), new Detection(1, 0.3f, 45, 45, 55, 55)], detections);
    }

    [Fact]
    public void Decoder_reads_float16_outputs_too()
    {
        var data = new Half[] { (Half)10, (Half)20, (Half)4, (Half)6, (Half)0.5f };

        var detection = Assert.Single(YoloDecoder.Decode(Tensor.Create(data, 1, 5, 1), classCount: 1));

        Assert.Equal((8f, 17f, 12f, 23f), (detection.X1, detection.Y1, detection.X2, detection.Y2));
    }
}
