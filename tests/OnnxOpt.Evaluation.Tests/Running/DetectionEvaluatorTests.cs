using System.Text.Json;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Evaluation.Tests.Preprocessing;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Running;

/// <summary>The whole pipeline on generated images and a tiny model whose raw head always reports the same box.</summary>
public sealed class DetectionEvaluatorTests
{
    /// <summary>
    /// A 32x32 "detector" with one class: output0 [1, 5, 1] = (cx 16, cy 16, w 16, h 8, score 0.8) whatever the image,
    /// plus 0 x the image sum so the input is used. On a 64x32 image (scale 0.5, 8 rows of padding on top) that box is
    /// (16, 8)-(48, 24) in image pixels.
    /// </summary>
    private static Model ConstantDetector()
    {
        var b = new ModelBuilder(opset: 17);
        var images = b.Input("images", DataType.Float, 1, 3, 32, 32);
        var sum = b.Op("ReduceSum", [images], NodeAttribute.Int("keepdims", 0));
        var zero = b.Op("Mul", [sum, b.Constant("zero", [0f])]);
        var head = b.Op("Add", [zero, b.Constant("head", [16f, 16f, 16f, 8f, 0.8f], 1, 5, 1)]);
        b.Output(head, "output0", DataType.Float, 1, 5, 1);
        b.Metadata("task", "detect").Metadata("imgsz", "[32, 32]").Metadata("names", "{0: 'thing'}");
        return b.Build();
    }

    /// <summary>The same detector with a float16 image input (as a model converted with keep_io_types off).</summary>
    private static Model HalfInputDetector()
    {
        var b = new ModelBuilder(opset: 17);
        var images = b.Input("images", DataType.Float16, 1, 3, 32, 32);
        var sum = b.Op("Cast", [b.Op("ReduceSum", [images], NodeAttribute.Int("keepdims", 0))], NodeAttribute.Int("to", (long)DataType.Float));
        var zero = b.Op("Mul", [sum, b.Constant("zero", [0f])]);
        var head = b.Op("Add", [zero, b.Constant("head", [16f, 16f, 16f, 8f, 0.8f], 1, 5, 1)]);
        b.Output(head, "output0", DataType.Float, 1, 5, 1);
        b.Metadata("names", "{0: 'thing'}");
        return b.Build();
    }

    private static string MakeDataset(TempDirectory dir)
    {
        Directory.CreateDirectory(dir.File("images"));
        Directory.CreateDirectory(dir.File("labels"));
        foreach (var name in new[] { "1", "2", "3" })
        {
            using var bitmap = TestImages.TwoColour(64, 32);
            TestImages.Save(bitmap, Path.Combine(dir.Path, "images", name + ".png"));
        }

        // Images 1 and 2 have the object exactly where the model reports it; image 3 is background.
        File.WriteAllText(Path.Combine(dir.Path, "labels", "1.txt"), "0 0.5 0.5 0.5 0.5\n");
        File.WriteAllText(Path.Combine(dir.Path, "labels", "2.txt"), "0 0.5 0.5 0.5 0.5\n");
        return dir.Path;
    }

    [Fact]
    public void Detections_are_mapped_to_image_pixels_and_scored()
    {
        using var dir = new TempDirectory();
        var model = ConstantDetector();
        var dataset = DetectionDataset.Open(MakeDataset(dir), ["thing"]);
        var progress = new List<int>();

        var result = new DetectionEvaluator().Evaluate(model, "constant", dataset, new SynchronousProgress(progress.Add));

        var first = result.Predictions[0];
        var detection = Assert.Single(first.Detections);
        Assert.Equal((16f, 8f, 48f, 24f, 0.8f), (detection.X1, detection.Y1, detection.X2, detection.Y2, detection.Score));
        Assert.Equal((64, 32), (first.Width, first.Height));

        // Three equally confident detections, two hits and a miss on the background image: precision 2/3 at recall 1.
        Assert.Equal(2.0 / 3, result.Metrics.Map50_95, 9);
        Assert.Equal((3, 2), (result.Metrics.Images, result.Metrics.Instances));
        Assert.Equal([1, 2, 3], progress);
        Assert.Equal(("constant", 32, 32), (result.Model.Name, result.Model.InputWidth, result.Model.InputHeight));
        Assert.True(result.Timing.Total >= result.Timing.Inference);
    }

    [Fact]
    public void Model_files_and_limits_work_and_results_json_is_written()
    {
        using var dir = new TempDirectory();
        string modelPath = dir.File("constant.onnx");
        ModelWriter.Save(ConstantDetector(), modelPath);
        var dataset = DetectionDataset.Open(MakeDataset(dir), ["thing"]).Take(2);

        var result = new DetectionEvaluator().Evaluate(modelPath, dataset);
        Assert.Equal(1.0, result.Metrics.Map50_95, 9);

        string json = dir.File("predictions.json");
        CocoResultsJson.Write(json, result);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var first = document.RootElement[0];
        Assert.Equal(2, document.RootElement.GetArrayLength());
        Assert.Equal((1L, 0L, 0.8), (first.GetProperty("image_id").GetInt64(), first.GetProperty("category_id").GetInt64(), first.GetProperty("score").GetDouble()));
        Assert.Equal([16.0, 8, 32, 16], first.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void A_fixed_input_refuses_another_image_size_and_a_broken_image_names_itself()
    {
        using var dir = new TempDirectory();
        var dataset = DetectionDataset.Open(MakeDataset(dir), ["thing"]);
        Assert.Contains("fixed 32x32 input", Assert.Throws<ArgumentException>(() => new DetectionEvaluator(new EvaluationOptions { ImageSize = 64 }).Evaluate(ConstantDetector(), "m", dataset)).Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir.Path, "images", "2.png"), "broken");
        var error = Assert.Throws<InvalidDataException>(() => new DetectionEvaluator().Evaluate(ConstantDetector(), "m", dataset));
        Assert.Contains("image 2 of the dataset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float16_inputs_are_fed_float16()
    {
        using var dir = new TempDirectory();
        var dataset = DetectionDataset.Open(MakeDataset(dir), ["thing"]);

        var result = new DetectionEvaluator().Evaluate(HalfInputDetector(), "half", dataset);

        Assert.Equal(DataType.Float16, result.Model.InputType);
        Assert.Equal(2.0 / 3, result.Metrics.Map50_95, 9);
    }

    [Fact]
    public void A_coco_json_of_the_same_labels_gives_the_same_metrics()
    {
        using var dir = new TempDirectory();
        var yolo = DetectionDataset.Open(MakeDataset(dir), ["thing"]);
        Directory.Move(Path.Combine(dir.Path, "images"), Path.Combine(dir.Path, "val"));
        Directory.CreateDirectory(dir.File("annotations"));
        string json = Path.Combine(dir.Path, "annotations", "instances_val.json");

        // The label "0 0.5 0.5 0.5 0.5" on a 64x32 image is the box (16, 8, 32, 16) in COCO's [x, y, w, h].
        File.WriteAllText(json, """
        {
          "images": [{"id": 1, "file_name": "1.png"}, {"id": 2, "file_name": "2.png"}, {"id": 3, "file_name": "3.png"}],
          "annotations": [
            {"id": 1, "image_id": 1, "category_id": 5, "bbox": [16, 8, 32, 16], "area": 512, "iscrowd": 0},
            {"id": 2, "image_id": 2, "category_id": 5, "bbox": [16, 8, 32, 16], "area": 512, "iscrowd": 0}
          ],
          "categories": [{"id": 5, "name": "thing"}]
        }
        """);
        var coco = DetectionDataset.Open(json, ["thing"]);

        var fromCoco = new DetectionEvaluator().Evaluate(ConstantDetector(), "m", coco);

        Assert.Equal(2.0 / 3, fromCoco.Metrics.Map50_95, 9);
        Assert.Equal((3, 2), (fromCoco.Metrics.Images, fromCoco.Metrics.Instances));
        Assert.Equal(3, yolo.Images.Count);
        using var stream = new MemoryStream();
        CocoResultsJson.Write(stream, fromCoco);
        using var results = JsonDocument.Parse(stream.ToArray());
        Assert.All(results.RootElement.EnumerateArray(), r => Assert.Equal(5, r.GetProperty("category_id").GetInt32()));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
