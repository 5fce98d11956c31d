using System.Text.Json;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void The_built_in_model_falls_back_from_tensorrt_with_one_line_saying_why()
    {
        var run = CliRun.Of("bench", "--provider", "tensorrt", "--runs", "2", "--warmup", "1");

        Assert.True(run.ExitCode == 0, run.Error);
        var fallback = Assert.Single(run.ErrorLines, l => l.Contains("provider unavailable", StringComparison.Ordinal));
        Assert.StartsWith("note: TensorRT provider unavailable (", fallback, StringComparison.Ordinal);
        Assert.EndsWith("; running on CPU", fallback, StringComparison.Ordinal);
        Assert.Contains("model: <built-in YOLOv8n> on CPU (inputs images[1x3x640x640])", run.Out, StringComparison.Ordinal);
        Assert.Contains("runs: 2 timed after 1 warmup", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("unavailable", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Requiring_an_unavailable_provider_fails()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("bench", model, "--provider", "tensorrt", "--require-provider", "--runs", "1", "--warmup", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: the TensorRT execution provider is unavailable (", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_latency_statistics_and_symbolic_dims_come_from_dim()
    {
        using var temp = new TempDirectory();
        var model = TestModels.SmallYolo();
        model.Graph.Inputs[0].Shape = new Graph.IR.Shape([Graph.IR.Dim.Symbol("batch"), 3, 64, 64]);
        string path = TestModels.Save(model, temp.File("yolo.onnx"));

        var run = CliRun.Of("bench", path, "--runs", "3", "--warmup", "0", "--json", "--dim", "batch=1");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("cpu", root.GetProperty("provider").GetString());
        Assert.Equal(3, root.GetProperty("runs").GetInt32());
        Assert.Equal([1L, 3, 64, 64], root.GetProperty("inputShapes").GetProperty("images").EnumerateArray().Select(e => e.GetInt64()));
        var latency = root.GetProperty("latencyMs");
        Assert.True(latency.GetProperty("min").GetDouble() <= latency.GetProperty("median").GetDouble());
        Assert.True(latency.GetProperty("median").GetDouble() <= latency.GetProperty("p90").GetDouble());
    }

    [Theory]
    [InlineData("--provider", "rocm")]
    [InlineData("--runs", "0")]
    [InlineData("--warmup", "-1")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        Assert.Equal(2, CliRun.Of("bench", option, value).ExitCode);
    }
}
