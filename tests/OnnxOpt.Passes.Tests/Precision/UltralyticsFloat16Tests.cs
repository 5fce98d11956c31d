using System.Globalization;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit.Abstractions;
using Xunit;

namespace OnnxOpt.Passes.Tests.Precision;

/// <summary>
/// `convert-fp16,fold-casts` on the real Ultralytics exports: they convert, load and run in ONNX Runtime, their
/// float weights halve, and on the sample images their outputs and detections stay those of float32. The
/// statistics each test prints are the ones recorded in docs/benchmarks.md.
/// </summary>
public sealed class UltralyticsFloat16Tests(ConvertedExports exports, ITestOutputHelper output) : IClassFixture<ConvertedExports>
{
    /// <summary>
    /// Bounds for real images. Boxes are in input pixels (up to 640), where float16's spacing is 0.25 to 0.5, and
    /// the scores are sigmoids in [0, 1]; the cosine bound catches any systematic drift.
    /// </summary>
    private const double MinCosine = 0.99999;
    private const double MaxScoreError = 0.05;
    private const float MaxBoxEdgeError = 3;
    private const float MinMatchIou = 0.95f;

    public static IEnumerable<object[]> ImageCases()
    {
        foreach (string image in new[] { "bus.jpg", "zidane.jpg" })
        {
            yield return ["yolov8n.onnx", image, 640, 640];
            yield return ["yolov8n_dynamic_shape.onnx", image, 640, 640];
            yield return ["yolov8n_dynamic_shape.onnx", image, 480, 640];
            yield return ["yolov8n_dynamic_shape.onnx", image, 640, 384];
            yield return ["yolov8n-seg_320.onnx", image, 320, 320];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(SharedData.FloatExports), MemberType = typeof(SharedData))]
    public void Export_converts_keeps_its_interface_and_halves_its_float_weights(string file)
    {
        var export = exports.Get(file);
        Skip.If(export is null, SharedData.MissingMessage);

        PrecisionAssert.Verifies(export.Converted);
        PrecisionAssert.NoCastFeedsCast(export.Converted);
        PrecisionAssert.BoundaryTypes(export.Converted, DataType.Float);
        Assert.Equal(export.Original.Graph.Inputs.Select(v => v.TypeString()), export.Converted.Graph.Inputs.Select(v => v.TypeString()));
        Assert.Equal(export.Original.Graph.Outputs.Select(v => $"{v.Name}{v.TypeString()}"), export.Converted.Graph.Outputs.Select(v => $"{v.Name}{v.TypeString()}"));
        Assert.Equal(export.Original.MetadataProps, export.Converted.MetadataProps);
        Assert.DoesNotContain(export.Converted.Graph.Initializers, i => i.ElementType == DataType.Float && i.Uses.Any(u => !u.Node.Is("Resize")));

        long before = ConvertedExport.FloatWeightBytes(export.Original), after = ConvertedExport.FloatWeightBytes(export.Converted);
        output.WriteLine($"{file}: float weight bytes {before} -> {after} ({(double)after / before:F4})");
        Assert.InRange((double)after / before, 0.49, 0.51);
        Assert.Equal(0, PrecisionAssert.Statistic(export.Report, "convert-fp16", "values-clamped"));
    }

    [SkippableTheory]
    [MemberData(nameof(SharedData.FloatExports), MemberType = typeof(SharedData))]
    public void Without_keep_io_types_the_export_takes_and_gives_float16_and_still_matches(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var original = ModelReader.Load(path);
        var converted = ModelReader.Load(path);

        PipelineRunner.Run(converted, "convert-fp16{keep-io-types=false},fold-casts");

        PrecisionAssert.BoundaryTypes(converted, DataType.Float16);
        Assert.DoesNotContain(converted.Graph.Nodes, n => n.Is("Cast") && n.Input(0)!.IsGraphInput);
        var dims = new Dictionary<string, long> { ["batch"] = 1, ["height"] = 320, ["width"] = 320 };
        var outputs = Float16Comparison.Compare(original, converted, MaxScoreError, MaxScoreError, dims: dims);
        Assert.All(outputs, o => Assert.True(o.Cosine >= MinCosine, Float16Comparison.Describe(outputs)));
    }

    [SkippableTheory]
    [MemberData(nameof(ImageCases))]
    public void Outputs_and_detections_on_sample_images_stay_those_of_float32(string file, string image, int width, int height)
    {
        var export = exports.Get(file);
        string? imagePath = SharedData.Find(Path.Combine("images", image));
        Skip.If(export is null || imagePath is null, SharedData.MissingMessage);

        var input = new ImagePreprocessor(width, height).Load(imagePath);
        var feeds = new Dictionary<string, Tensor> { ["images"] = input.ToTensor() };
        var expected = OrtRunner.RunOnce(export.Original, feeds);
        var actual = OrtRunner.RunOnce(export.Converted, feeds);

        foreach (var (name, reference) in expected)
        {
            var stats = OutputComparer.Compare(name, reference, actual[name], MaxScoreError, MaxScoreError);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {file} | {image} | {width}x{height} | {name} | {stats.MaxAbsError:g3} | {stats.MeanAbsError:g3} | {stats.Cosine:F7} |"));
            Assert.True(stats.Cosine >= MinCosine, $"{name}: cosine {stats.Cosine}");
        }

        var reference0 = expected["output0"];
        double scoreError = MaxScoreDifference(reference0, actual["output0"]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"largest class score difference {scoreError:g3}"));
        Assert.True(scoreError <= MaxScoreError, $"class scores differ by up to {scoreError}");
        AssertSameDetections(Decoder.Decode(reference0), Decoder.Decode(actual["output0"]));
    }

    [SkippableFact]
    public void Yolov8n_finds_the_bus_and_the_people_on_bus_jpg_in_float16_as_in_float32()
    {
        var export = exports.Get("yolov8n.onnx");
        string? imagePath = SharedData.Find(Path.Combine("images", "bus.jpg"));
        Skip.If(export is null || imagePath is null, SharedData.MissingMessage);

        var input = new ImagePreprocessor(640).Load(imagePath);
        var feeds = new Dictionary<string, Tensor> { ["images"] = input.ToTensor() };
        var fp32 = Decoder.Decode(OrtRunner.RunOnce(export.Original, feeds)["output0"]).Select(input.Transform.ToSource).ToList();
        var fp16 = Decoder.Decode(OrtRunner.RunOnce(export.Converted, feeds)["output0"]).Select(input.Transform.ToSource).ToList();

        // COCO class 5 is bus, 0 is person: the decoder and letterbox must find what the README says the image shows.
        Assert.Contains(fp32, d => d.ClassId == 5);
        Assert.True(fp32.Count(d => d.ClassId == 0) >= 3, "expected at least three people");
        foreach (var d in fp32)
        {
            var match = fp16.Where(e => e.ClassId == d.ClassId).MaxBy(e => e.Iou(d));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {d.ClassId} | {d.Score:F3} | {match?.Score:F3} | [{d.X1:F1}, {d.Y1:F1}, {d.X2:F1}, {d.Y2:F1}] | {match?.Iou(d):F4} | {match?.MaxEdgeDistance(d):F2} |"));
        }

        AssertSameDetections(fp32, fp16);
    }

    /// <summary>Ultralytics predict thresholds (one label per anchor), so only confident detections are compared.</summary>
    private static readonly DetectionDecoder Decoder = new(80, new DetectionOptions { Confidence = 0.25f, IouThreshold = 0.45f, MultiLabel = false });

    private static void AssertSameDetections(IReadOnlyList<Detection> expected, IReadOnlyList<Detection> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Select(d => d.ClassId).Order(), actual.Select(d => d.ClassId).Order());
        foreach (var d in expected)
        {
            var match = actual.Where(e => e.ClassId == d.ClassId).MaxBy(e => e.Iou(d))!;
            Assert.True(match.Iou(d) >= MinMatchIou && match.MaxEdgeDistance(d) <= MaxBoxEdgeError, $"class {d.ClassId} box moved: IoU {match.Iou(d)}, edges {match.MaxEdgeDistance(d)} px");
        }
    }

    /// <summary>The largest difference among the class score rows (4 to 83) of a [1, 84+, anchors] output.</summary>
    private static double MaxScoreDifference(Tensor expected, Tensor actual)
    {
        long anchors = expected.Dims[2];
        var a = expected.ToArray<float>();
        var b = actual.ToArray<float>();
        double max = 0;
        for (long i = 4 * anchors; i < 84 * anchors; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
