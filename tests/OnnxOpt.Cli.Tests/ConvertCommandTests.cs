using OnnxOpt.Fixtures.Small;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class ConvertCommandTests
{
    [Fact]
    public void Round_trip_writes_the_same_bytes()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.SmallYolo(), temp.File("in.onnx"));
        string output = temp.File("out.onnx");

        var run = CliRun.Of("convert", input, "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("wrote", run.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(output));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void External_data_moves_the_weights_and_keeps_their_values()
    {
        using var temp = new TempDirectory();
        var original = TestModels.SmallYolo();
        string input = TestModels.Save(original, temp.File("in.onnx"));
        string output = temp.File("sub/out.onnx");

        var run = CliRun.Of("convert", input, "--output", output, "--external-data", "--external-data-threshold", "4096");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(output + ".data"));
        Assert.True(new FileInfo(output).Length < 100_000, "the weights should have left the model file");
        var loaded = ModelReader.Load(output);
        Assert.Contains(loaded.Graph.Initializers, v => v.ConstValue!.External is not null);
        Assert.Contains(loaded.Graph.Initializers, v => v.ConstValue!.External is null);
        Assert.All(loaded.Graph.Initializers.Where(v => v.ConstValue!.External is not null), v => Assert.True(v.ConstValue!.ByteLength >= 4096));
        foreach (var value in original.Graph.Initializers)
        {
            Assert.True(value.ConstValue!.ContentEquals(loaded.Graph.FindValue(value.Name)!.ConstValue!), value.Name);
        }

        // And back to a single file, reading the external data.
        string inline = temp.File("inline.onnx");
        Assert.Equal(0, CliRun.Of("convert", output, "-o", inline).ExitCode);
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(inline));
    }

    [Fact]
    public void Refuses_to_write_onto_the_input()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(SmallModels.ConvRelu(), temp.File("model.onnx"));
        byte[] before = File.ReadAllBytes(input);
        File.CreateSymbolicLink(temp.File("link.onnx"), input);

        foreach (string target in new[] { input, temp.File("./model.onnx"), temp.File("link.onnx"), Path.GetRelativePath(Environment.CurrentDirectory, input) })
        {
            var run = CliRun.Of("convert", input, "-o", target);
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("error: refusing to overwrite the input", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        }

        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Refuses_to_write_onto_the_inputs_external_data()
    {
        using var temp = new TempDirectory();
        string input = temp.File("a.onnx");
        ModelWriter.Save(TestModels.SmallYolo(), input, new WriteOptions { ExternalData = true, ExternalDataFileName = "b.onnx.data" });
        byte[] data = File.ReadAllBytes(temp.File("b.onnx.data"));

        var intoData = CliRun.Of("convert", input, "-o", temp.File("b.onnx.data"));
        var besideData = CliRun.Of("convert", input, "-o", temp.File("b.onnx"), "--external-data");

        // Into the data file: refused. Beside it: the new data file gets a name of its own (DataFileNames), so it works.
        Assert.Equal((2, 0), (intoData.ExitCode, besideData.ExitCode));
        Assert.StartsWith("error: refusing to overwrite the input", Assert.Single(intoData.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(data, File.ReadAllBytes(temp.File("b.onnx.data")));
        Assert.NotNull(ModelReader.Load(input));
        Assert.NotNull(ModelReader.Load(temp.File("b.onnx")));
    }

    [Fact]
    public void A_model_that_fails_verification_is_not_written()
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(TestModels.OutOfOrder(), temp.File("bad.onnx"));

        var run = CliRun.Of("convert", input, "-o", temp.File("out.onnx"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: invalid model:", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("out.onnx")));
    }

    [Theory]
    [InlineData("--external-data-threshold", "10")]
    [InlineData("--external-data", "--external-data-threshold", "-1")]
    [InlineData("--external-data-threshold", "lots")]
    public void Bad_threshold_use_is_a_usage_error(params string[] extra)
    {
        using var temp = new TempDirectory();
        string input = TestModels.Save(SmallModels.ConvRelu(), temp.File("model.onnx"));
        var run = CliRun.Of(["convert", input, "-o", temp.File("out.onnx"), .. extra]);
        Assert.Equal(2, run.ExitCode);
        Assert.All(run.ErrorLines, l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
        Assert.False(File.Exists(temp.File("out.onnx")));
    }
}
