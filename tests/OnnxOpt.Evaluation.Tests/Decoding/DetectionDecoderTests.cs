using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Decoding;

public sealed class DetectionDecoderTests
{
    // [1, 4 + 2 classes, 3 anchors], row-major: cx, cy, w, h, score of class 0, score of class 1.
    private static readonly float[] RawHead =
    [
        10, 50, 90,
        20, 50, 90,
        4, 10, 8,
        6, 10, 8,
        0.9f, 0.1f, 0.2f,
        0.1f, 0.3f, 0.24f,
    ];

    [Fact]
    public void Single_label_keeps_the_best_class_per_anchor_above_the_threshold()
    {
        var decoder = new DetectionDecoder(2, new DetectionOptions { Confidence = 0.25f, MultiLabel = false });

        var detections = decoder.Decode(Tensor.Create(RawHead, 1, 6, 3));

        Assert.Equal([new Detection(0, 0.9f, 8, 17, 12, 23), new Detection(1, 0.3f, 45, 45, 55, 55)], detections);
    }

    [Fact]
    public void Multi_label_makes_a_candidate_of_every_class_above_the_threshold()
    {
        var decoder = new DetectionDecoder(2, new DetectionOptions { Confidence = 0.15f });

        var detections = decoder.Decode(Tensor.Create(RawHead, 1, 6, 3));

        // Anchor 2 scores .2 for class 0 and .24 for class 1; both stay (different classes do not suppress).
        Assert.Equal([(0, 0.9f), (1, 0.3f), (1, 0.24f), (0, 0.2f)], detections.Select(d => (d.ClassId, d.Score)));
    }

    [Fact]
    public void Rows_after_the_classes_are_ignored_and_float16_outputs_decode_the_same()
    {
        // A segment head: 4 box rows, 1 class, 2 mask coefficients.
        var data = new Half[] { (Half)10, (Half)20, (Half)4, (Half)6, (Half)0.5f, (Half)7, (Half)9 };
        var decoder = new DetectionDecoder(1);

        var detection = Assert.Single(decoder.Decode(Tensor.Create(data, 1, 7, 1)));

        Assert.Equal((8f, 17f, 12f, 23f, 0.5f), (detection.X1, detection.Y1, detection.X2, detection.Y2, detection.Score));
    }

    [Fact]
    public void End_to_end_heads_are_thresholded_and_cut_but_not_suppressed()
    {
        float[] rows =
        [
            0, 0, 10, 10, 0.9f, 3,
            1, 1, 11, 11, 0.8f, 3,
            5, 5, 9, 9, 0.0005f, 1,
        ];
        var decoder = new DetectionDecoder(80);
        Assert.Equal(OutputLayout.EndToEnd, decoder.LayoutOf([1, 3, 6]));

        var detections = decoder.Decode(Tensor.Create(rows, 1, 3, 6));

        Assert.Equal([new Detection(3, 0.9f, 0, 0, 10, 10), new Detection(3, 0.8f, 1, 1, 11, 11)], detections);
        Assert.Single(new DetectionDecoder(80, new DetectionOptions { MaxDetections = 1 }).Decode(Tensor.Create(rows, 1, 3, 6)));
    }

    [Fact]
    public void Layouts_are_told_apart_and_impossible_shapes_are_refused()
    {
        var decoder = new DetectionDecoder(80);
        Assert.Equal(OutputLayout.RawAnchors, decoder.LayoutOf([1, 84, 8400]));
        Assert.Equal(OutputLayout.RawAnchors, decoder.LayoutOf([1, 116, 2100]));
        Assert.Equal(OutputLayout.EndToEnd, decoder.LayoutOf([1, 300, 6]));
        Assert.Contains("fits neither", Assert.Throws<ArgumentException>(() => decoder.LayoutOf([1, 20, 100])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => decoder.LayoutOf([2, 84, 8400]));
        Assert.Throws<ArgumentException>(() => new DetectionDecoder(2, new DetectionOptions { IouThreshold = 0 }));
    }

    [Fact]
    public void Nms_drops_overlapping_boxes_of_one_class_only_unless_agnostic()
    {
        var strong = new Detection(1, 0.9f, 0, 0, 10, 10);
        var overlapping = new Detection(1, 0.8f, 1, 1, 11, 11);
        var otherClass = new Detection(2, 0.7f, 1, 1, 11, 11);
        var apart = new Detection(1, 0.6f, 20, 20, 30, 30);

        Assert.Equal([strong, otherClass, apart], Nms.Apply([overlapping, apart, strong, otherClass], 0.45f));
        Assert.Equal([strong, apart], Nms.Apply([overlapping, apart, strong, otherClass], 0.45f, classAgnostic: true));
        Assert.Equal([strong, overlapping], Nms.Apply([overlapping, apart, strong, otherClass], 0.7f, maxDetections: 2));
    }

    [Fact]
    public void Ultralytics_metadata_is_read_from_metadata_props()
    {
        var model = new ModelBuilder().Metadata("task", "detect").Metadata("stride", "32").Metadata("imgsz", "[480, 640]")
            .Metadata("names", "{0: 'person', 1: \"teddy's bear\", 3: 'x'}").Build();

        var metadata = UltralyticsMetadata.Read(model);

        Assert.Equal(("detect", 480, 640, 32), (metadata.Task, metadata.ImageHeight, metadata.ImageWidth, metadata.Stride));
        Assert.Equal(["person", "teddy's bear", "class2", "x"], metadata.Names);
        Assert.True(metadata.IsUltralytics);
        Assert.False(metadata.EndToEnd);
        Assert.False(UltralyticsMetadata.Read(new ModelBuilder().Build()).IsUltralytics);
        Assert.True(UltralyticsMetadata.Read(new ModelBuilder().Metadata("end2end", "True").Build()).EndToEnd);
    }
}
