using System.Text.Json.Nodes;
using System.Xml.Linq;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

/// <summary>verify --images, compare, sweep and prune-scan on a generated detector and generated images.</summary>
public sealed class EvidenceCommandTests
{
    private static (string Model, string Data) Setup(TempDirectory temp, float score = 0.8f)
    {
        string model = temp.File($"det{score}.onnx");
        ModelWriter.Save(GeneratedDetector.Create(score), model);
        return (model, GeneratedDetector.WriteDataset(temp.File("data")));
    }

    private static void AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }

    private static void AssertSvg(string path) => Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);

    [Fact]
    public void Verify_on_images_says_equivalent_at_detection_level()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);

        var run = CliRun.Of("verify", model, model, "--images", data);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("on 3 image(s), letterboxed to 32x32", run.Out, StringComparison.Ordinal);
        Assert.Contains("equivalent at detection level (3 image(s), 3 detection(s)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_on_images_reports_score_changes_and_exits_1_with_json()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        string lower = temp.File("lower.onnx");
        ModelWriter.Save(GeneratedDetector.Create(score: 0.5f), lower);

        var run = CliRun.Of("verify", model, lower, "--images", data, "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.False(json["equivalent"]!.GetValue<bool>());
        Assert.Equal(3, json["detections"]!["matched"]!.GetValue<int>());
        Assert.Equal(0.3, json["detections"]!["maxAbsScoreDelta"]!.GetValue<double>(), 5);
        Assert.Equal("Float32", json["toleranceAdvice"]!["precision"]!.GetValue<string>());
    }

    [Fact]
    public void Verify_bad_image_options_are_usage_errors()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        var run = CliRun.Of("verify", model, model, "--images", data, "--match-iou", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: match IoU", run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_prints_one_row_per_model_and_draws_the_plot()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        var (other, _) = Setup(temp, 0.6f);
        string plot = temp.File("cmp.svg");

        var run = CliRun.Of("compare", model, other, "--data", data, "--rounds", "2", "--warmup", "0", "--threads", "1", "--plot", plot);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("det0.8.onnx", run.Out, StringComparison.Ordinal);
        Assert.Contains("det0.6.onnx", run.Out, StringComparison.Ordinal);
        Assert.Contains("1.00x", run.Out, StringComparison.Ordinal);
        Assert.Contains("mAP50-95", run.Out, StringComparison.Ordinal);
        AssertSvg(plot);
    }

    [Fact]
    public void Compare_json_has_speed_up_and_map_deltas()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        string plot = temp.File("cmp.png");

        var run = CliRun.Of("compare", model, model, "--data", data, "--rounds", "2", "--warmup", "0", "--json", "--plot", plot);

        Assert.Equal(0, run.ExitCode);
        var models = JsonNode.Parse(run.Out)!["models"]!.AsArray();
        Assert.Equal(2, models.Count);
        Assert.Equal(1.0, models[0]!["speedUp"]!.GetValue<double>());
        Assert.Equal(0.0, models[1]!["deltaMap50_95"]!.GetValue<double>());
        AssertPng(plot);
    }

    [Theory]
    [InlineData("--plot", "cmp.jpg", "use a .png or .svg")]
    [InlineData("--rounds", "0", "--rounds")]
    public void Compare_bad_usage_exits_2(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        var run = CliRun.Of("compare", model, "--data", data, option, value.EndsWith(".jpg", StringComparison.Ordinal) ? temp.File(value) : value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_plot_needs_data()
    {
        using var temp = new TempDirectory();
        var (model, _) = Setup(temp);
        var run = CliRun.Of("compare", model, "--plot", temp.File("x.png"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs --data", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_writes_csv_json_and_plot()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        string output = temp.File("out");

        var run = CliRun.Of("sweep", model, "--pipeline", "prune-conv-l1{amount=$x scope=layer}", "--pipeline", "prune-conv-l1{amount=$x scope=global}", "--values", "0,0.5", "--data", data, "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("baseline (unchanged)", run.Out, StringComparison.Ordinal);
        Assert.Equal(1 + 1 + 4, File.ReadAllLines(Path.Combine(output, "sweep.csv")).Length);
        Assert.Equal(4, JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!["points"]!.AsArray().Count);
        AssertPng(Path.Combine(output, "sweep.png"));
    }

    [Fact]
    public void Sweep_svg_plot_goes_where_asked()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        string plot = temp.File("sweep.svg");
        var run = CliRun.Of("sweep", model, "-p", "prune-conv-l1{amount=$x}", "--values", "0.1", "--data", data, "--out", temp.File("o"), "--plot", plot);
        Assert.Equal(0, run.ExitCode);
        AssertSvg(plot);
    }

    [Fact]
    public void Sweep_gives_calibration_images_to_prune_channels()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        const string template = "prune-channels{amount=$x criterion=variance round-to=1 reconstruct=true}";

        var run = CliRun.Of("sweep", model, "--pipeline", template, "--values", "0.2", "--data", data, "--out", temp.File("o"), "--calibration-data", Path.Combine(data, "images"));
        var without = CliRun.Of("sweep", model, "--pipeline", template, "--values", "0.2", "--data", data, "--out", temp.File("p"));

        Assert.Equal(0, run.ExitCode);
        Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(temp.File("o"), "sweep.json")))!["points"]!.AsArray());
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("needs calibration images", Assert.Single(without.ErrorLines, l => l.StartsWith("error:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prune-conv-l1{amount=0.1}", "0,0.1", "has no $x")]
    [InlineData("prune-conv-l1{amount=$x}", "0,zero", "is not a number")]
    [InlineData("no-such-pass{amount=$x}", "0.1", "no-such-pass")]
    [InlineData("prune-conv-l1{amount=$x}", "1.5", "amount")]
    public void Sweep_bad_templates_and_values_exit_2_before_any_work(string template, string values, string message)
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        var run = CliRun.Of("sweep", model, "--pipeline", template, "--values", values, "--data", data, "--out", temp.File("o"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("o")));
    }

    [Fact]
    public void Prune_scan_lists_layers_and_draws_bars()
    {
        using var temp = new TempDirectory();
        var (model, data) = Setup(temp);
        string plot = temp.File("scan.png");

        var run = CliRun.Of("prune-scan", model, "--data", data, "--limit", "2", "--plot", plot);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("conv", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 scanned, 2 image(s), amount 0.3", run.Out, StringComparison.Ordinal);
        AssertPng(plot);

        var json = CliRun.Of("prune-scan", model, "--data", data, "--limit", "1", "--json");
        Assert.Equal(0, json.ExitCode);
        var layer = JsonNode.Parse(json.Out)!["layers"]!.AsArray().Single()!;
        Assert.Equal("conv", layer["node"]!.GetValue<string>());
        Assert.True(layer["cosine"]!.GetValue<double>() < 1);
    }

    [SkippableFact]
    public void Float16_yolov8n_is_equivalent_at_detection_level_on_the_shared_images()
    {
        string? model = SharedData.UltralyticsModel("yolov8n.onnx");
        string? images = SharedData.Find("images");
        Skip.If(model is null || images is null, SharedData.MissingMessage);
        using var temp = new TempDirectory();
        string fp16 = temp.File("fp16.onnx");
        Assert.Equal(0, CliRun.Of("optimize", model!, "--preset", "fp16", "-o", fp16).ExitCode);

        var run = CliRun.Of("verify", model!, fp16, "--images", images!);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("equivalent at detection level", run.Out, StringComparison.Ordinal);
        Assert.Contains("hint: the candidate computes in float16", run.Out, StringComparison.Ordinal);
    }
}
