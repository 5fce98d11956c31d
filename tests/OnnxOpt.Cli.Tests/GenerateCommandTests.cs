using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Writes_a_valid_yolo_with_the_asked_input_size_reproducibly()
    {
        using var temp = new TempDirectory();

        var first = CliRun.Of("generate", "-o", temp.File("a.onnx"), "--image-size", "64", "--seed", "3");
        var second = CliRun.Of("generate", "-o", temp.File("b.onnx"), "--image-size", "64", "--seed", "3");
        var other = CliRun.Of("generate", "-o", temp.File("c.onnx"), "--image-size", "64", "--seed", "4");

        Assert.Equal(0, first.ExitCode + second.ExitCode + other.ExitCode);
        Assert.Contains("233 nodes", first.Out, StringComparison.Ordinal);
        var model = ModelReader.Load(temp.File("a.onnx"));
        GraphVerifier.ThrowIfInvalid(model);
        Assert.Equal([1L, 3, 64, 64], model.Graph.Inputs[0].Shape!.ToArray()!);
        Assert.Equal(File.ReadAllBytes(temp.File("a.onnx")), File.ReadAllBytes(temp.File("b.onnx")));
        Assert.NotEqual(File.ReadAllBytes(temp.File("a.onnx")), File.ReadAllBytes(temp.File("c.onnx")));
    }

    [Fact]
    public void Dynamic_gives_symbolic_input_dims()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("generate", "-o", temp.File("d.onnx"), "--image-size", "64", "--dynamic");

        Assert.Equal(0, run.ExitCode);
        var model = ModelReader.Load(temp.File("d.onnx"));
        Assert.All(model.Graph.Inputs[0].Shape!.Where((_, i) => i != 1), d => Assert.Null(d.Value));
    }

    [Theory]
    [InlineData("--image-size", "50")]
    [InlineData("--size", "x")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("generate", "-o", temp.File("x.onnx"), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(temp.File("x.onnx")));
    }
}
