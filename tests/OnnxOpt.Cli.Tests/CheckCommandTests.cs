using System.Text.Json;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void An_unsupported_node_fails_the_check_with_its_name()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.UnsupportedByTensorRt(), temp.File("det.onnx"));

        var run = CliRun.Of("check", model, "--target", "trt10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("odd_det", run.Out, StringComparison.Ordinal);
        Assert.Contains("no importer for Det", run.Out, StringComparison.Ordinal);
        Assert.Contains("result: not supported on trt10", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("relu", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_every_node_with_its_status()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.UnsupportedByTensorRt(), temp.File("det.onnx"));

        var run = CliRun.Of("check", model, "--target", "jetson-orin", "--json", "--precision", "fp16");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("jetson-orin", root.GetProperty("target").GetString());
        Assert.False(root.GetProperty("supported").GetBoolean());
        Assert.Equal(1, root.GetProperty("unsupportedNodeCount").GetInt32());
        var nodes = root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!, n => n.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["relu"] = "supported", ["odd_det"] = "unsupported" }, nodes);
    }

    [Fact]
    public void A_supported_model_passes()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("check", model, "--target", "trt11");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("result: supported on trt11", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_is_a_usage_error_listing_the_known_ones()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.UnsupportedByTensorRt(), temp.File("det.onnx"));

        var run = CliRun.Of("check", model, "--target", "jetson-tx2");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal("error: unknown target 'jetson-tx2'; known targets: jetson-nano, jetson-xavier, jetson-orin, trt10, trt11", line);
    }

    [Fact]
    public void A_bad_precision_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.UnsupportedByTensorRt(), temp.File("det.onnx"));

        Assert.Equal(2, CliRun.Of("check", model, "--target", "trt10", "--precision", "fp8").ExitCode);
    }
}
