using System.Text.Json;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.TestSupport;
using SkiaSharp;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class EvalCommandTests
{
    /// <summary>A 32x32 one-class "detector" whose raw head always reports one box: (cx, cy, 16, 8) at score 0.8.</summary>
    private static string ConstantDetector(TempDirectory dir, string name, float cx, float cy)
    {
        var b = new ModelBuilder(opset: 17);
        var images = b.Input("images", DataType.Float, 1, 3, 32, 32);
        var sum = b.Op("ReduceSum", [images], NodeAttribute.Int("keepdims", 0));
        var zero = b.Op("Mul", [sum, b.Constant("zero", [0f])]);
        var head = b.Op("Add", [zero, b.Constant("head", [cx, cy, 16f, 8f, 0.8f], 1, 5, 1)]);
        b.Output(head, "output0", DataType.Float, 1, 5, 1);
        b.Metadata("task", "detect").Metadata("imgsz", "[32, 32]").Metadata("names", "{0: 'thing'}");
        return TestModels.Save(b.Build(), dir.File(name));
    }

    /// <summary>Three 64x32 images; the object of images 1 and 2 is where the model at (16, 16) reports it, image 3 is background.</summary>
    private static string Dataset(TempDirectory dir)
    {
        string root = dir.File("data");
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        foreach (var name in new[] { "1", "2", "3" })
        {
            using var bitmap = new SKBitmap(64, 32);
            bitmap.Erase(SKColors.Olive);
            using var image = SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(root, "images", name + ".png"), png.ToArray());
        }

        File.WriteAllText(Path.Combine(root, "labels", "1.txt"), "0 0.5 0.5 0.5 0.5\n");
        File.WriteAllText(Path.Combine(root, "labels", "2.txt"), "0 0.5 0.5 0.5 0.5\n");
        return root;
    }

    [Fact]
    public void Several_models_share_one_table_with_the_change_against_the_first()
    {
        using var dir = new TempDirectory();
        string good = ConstantDetector(dir, "good.onnx", 16, 16);
        string off = ConstantDetector(dir, "off.onnx", 18, 16);

        var run = CliRun.Of("eval", good, off, "--data", Dataset(dir));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("(YOLO, 3 images, 2 objects)", run.Out, StringComparison.Ordinal);
        var goodRow = Assert.Single(run.Out.Split('\n'), l => l.Contains("good.onnx", StringComparison.Ordinal));
        Assert.Contains("0.6667", goodRow, StringComparison.Ordinal);
        var offRow = Assert.Single(run.Out.Split('\n'), l => l.Contains("off.onnx", StringComparison.Ordinal));
        Assert.Matches(@"\| +-0\.\d{4} \|", offRow);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Json_and_saved_predictions_carry_every_model()
    {
        using var dir = new TempDirectory();
        string good = ConstantDetector(dir, "good.onnx", 16, 16);
        string off = ConstantDetector(dir, "off.onnx", 18, 16);

        var run = CliRun.Of("eval", good, off, "--data", Dataset(dir), "--json", "--limit", "2", "--save-predictions", dir.File("preds.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var models = json.RootElement.GetProperty("models");
        Assert.Equal(2, json.RootElement.GetProperty("images").GetInt32());
        Assert.Equal(1.0, models[0].GetProperty("metrics").GetProperty("map50_95").GetDouble(), 9);
        Assert.True(models[1].GetProperty("delta").GetProperty("map50_95").GetDouble() < 0);
        Assert.Equal("thing", models[0].GetProperty("perClass")[0].GetProperty("name").GetString());
        foreach (var (model, index) in new[] { ("good", 1), ("off", 2) })
        {
            string file = dir.File($"preds-{index}-{model}.json");
            Assert.Equal(file, models[index - 1].GetProperty("predictions").GetString());
            using var predictions = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(2, predictions.RootElement.GetArrayLength());
        }
    }

    [Fact]
    public void Per_class_tables_follow_on_request()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("eval", ConstantDetector(dir, "good.onnx", 16, 16), "--data", Dataset(dir), "--per-class");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("per class:", run.Out, StringComparison.Ordinal);
        Assert.Single(run.Out.Split('\n'), l => l.Contains("| thing ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--conf", "2")]
    [InlineData("--iou", "0")]
    [InlineData("--max-det", "0")]
    [InlineData("--limit", "0")]
    [InlineData("--imgsz", "8")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("eval", ConstantDetector(dir, "good.onnx", 16, 16), "--data", Dataset(dir), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_inputs_and_overwriting_an_input_are_refused_with_one_line()
    {
        using var dir = new TempDirectory();
        string model = ConstantDetector(dir, "good.onnx", 16, 16);
        string data = Dataset(dir);

        var noModel = CliRun.Of("eval", dir.File("missing.onnx"), "--data", data);
        Assert.Equal((1, "error: model '" + dir.File("missing.onnx") + "' does not exist"), (noModel.ExitCode, Assert.Single(noModel.ErrorLines)));

        var noData = CliRun.Of("eval", model, "--data", dir.File("nowhere"));
        Assert.Equal(1, noData.ExitCode);
        Assert.Contains("does not exist", Assert.Single(noData.ErrorLines), StringComparison.Ordinal);

        var overwrite = CliRun.Of("eval", model, "--data", data, "--save-predictions", model);
        Assert.Equal(2, overwrite.ExitCode);
        Assert.Contains("would overwrite the input", Assert.Single(overwrite.ErrorLines), StringComparison.Ordinal);
        Assert.True(new FileInfo(model).Length > 0);

        var fixedSize = CliRun.Of("eval", model, "--data", data, "--imgsz", "64");
        Assert.Equal(1, fixedSize.ExitCode);
        Assert.Contains("fixed 32x32 input", Assert.Single(fixedSize.ErrorLines), StringComparison.Ordinal);
    }
}
