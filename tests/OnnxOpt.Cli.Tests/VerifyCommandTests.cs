using System.Text.Json.Nodes;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class VerifyCommandTests
{
    [Fact]
    public void Optimized_model_is_equivalent_to_its_original()
    {
        using var temp = new TempDirectory();
        string original = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string candidate = temp.File("out.onnx");
        Assert.Equal(0, CliRun.Of("optimize", original, "-o", candidate, "--preset", "cleanup").ExitCode);

        var run = CliRun.Of("verify", original, candidate, "--samples", "2", "--seed", "7");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("output0", run.Out, StringComparison.Ordinal);
        Assert.Contains("equivalent (atol 1e-05, rtol 0.0001, 2 sample(s))", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_model_is_not_equivalent_and_exits_1()
    {
        using var temp = new TempDirectory();
        string original = TestModels.Save(TestModels.Activation("Relu"), temp.File("relu.onnx"));
        string candidate = TestModels.Save(TestModels.Activation("Sigmoid"), temp.File("sigmoid.onnx"));

        var run = CliRun.Of("verify", original, candidate);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("NOT equivalent", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_gives_per_output_statistics_and_the_verdict()
    {
        using var temp = new TempDirectory();
        string original = TestModels.Save(TestModels.Activation("Relu"), temp.File("relu.onnx"));
        string candidate = TestModels.Save(TestModels.Activation("Sigmoid"), temp.File("sigmoid.onnx"));

        var same = CliRun.Of("verify", original, original, "--json");
        var different = CliRun.Of("verify", original, candidate, "--json", "--min", "-1", "--max", "1");

        Assert.Equal(0, same.ExitCode);
        Assert.True(JsonNode.Parse(same.Out)!["equivalent"]!.GetValue<bool>());
        Assert.Equal(1, different.ExitCode);
        var json = JsonNode.Parse(different.Out)!;
        Assert.False(json["equivalent"]!.GetValue<bool>());
        var output = json["outputs"]!.AsArray().Single()!;
        Assert.Equal("y", output["name"]!.GetValue<string>());
        Assert.Equal(8, output["elements"]!.GetValue<long>());
        Assert.False(output["passed"]!.GetValue<bool>());
        // Sigmoid(x) - Relu(x) is at least 0.27 on [-1, 1] (at x = 1), and at most 0.5 (at x = 0).
        Assert.InRange(output["maxAbsError"]!.GetValue<double>(), 0.26, 0.5);
        Assert.True(output["mismatches"]!.GetValue<long>() > 0);
    }

    [Fact]
    public void Symbolic_dims_need_dim_and_work_with_it()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(YoloV8Generator.Generate(new YoloV8Options { ImageSize = 64, DynamicShape = true }), temp.File("dynamic.onnx"));

        var without = CliRun.Of("verify", model, model);
        var with = CliRun.Of("verify", model, model, "--dim", "batch=1", "--dim", "height=64", "--dim", "width=64");

        Assert.Equal(2, without.ExitCode);
        Assert.Contains("--dim batch=", without.Error, StringComparison.Ordinal);
        Assert.Single(without.ErrorLines);
        Assert.Equal(0, with.ExitCode);
        Assert.Contains("equivalent", with.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dim", "height")]
    [InlineData("--dim", "height=0")]
    [InlineData("--samples", "0")]
    [InlineData("--atol", "-1")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.Activation("Relu"), temp.File("relu.onnx"));

        var run = CliRun.Of("verify", model, model, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }
}
