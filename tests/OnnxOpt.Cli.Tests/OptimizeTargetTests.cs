using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class OptimizeTargetTests
{
    [Fact]
    public void A_target_with_an_older_parser_gets_a_trailing_opset_conversion()
    {
        using var temp = new TempDirectory();
        var model = TestModels.SmallYolo();
        Assert.True(model.GetOpset() > 13);
        string input = TestModels.Save(model, temp.File("yolo.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("nano.onnx"), "--preset", "cleanup", "--target", "jetson-nano");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"note: jetson-nano's parser imports opsets up to 13 and the model is opset {model.GetOpset()}: appending convert-opset{{version=13}}", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(",convert-opset{version=13}", Assert.Single(run.Out.Split('\n'), l => l.StartsWith("pipeline: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(13, ModelReader.Load(temp.File("nano.onnx")).GetOpset());
    }

    [Fact]
    public void A_target_that_imports_the_opset_changes_nothing()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("optimize", input, "-o", temp.File("out.onnx"), "--preset", "cleanup", "--target", "trt11");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("convert-opset", run.Out + run.Error, StringComparison.Ordinal);
    }
}
