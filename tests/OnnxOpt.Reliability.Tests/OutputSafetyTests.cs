using System.Text.Json;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 4: every written path is checked before any work: never an input or its data, links followed, '-' is stdout.</summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public void Output_naming_the_inputs_data_file_is_refused_and_the_data_survives()
    {
        using var temp = new TempDirectory();
        string input = Models.Save(Models.WithWeight(2f), temp.File("m.onnx"), new WriteOptions { ExternalData = true });
        byte[] data = File.ReadAllBytes(temp.File("m.onnx.data"));

        var run = Run.Cli("optimize", input, "-o", temp.File("m.onnx.data"), "--preset", "cleanup");

        run.AssertOneErrorLine(2);
        Assert.Equal(data, File.ReadAllBytes(temp.File("m.onnx.data")));
    }

    [Fact]
    public void External_data_of_the_output_never_replaces_the_inputs_data_file()
    {
        using var temp = new TempDirectory();
        // The input's weights live in "b.onnx.data", the name the output b.onnx would give its own data file.
        string input = Models.Save(Models.WithWeight(3f), temp.File("a.onnx"), new WriteOptions { ExternalData = true, ExternalDataFileName = "b.onnx.data" });
        byte[] data = File.ReadAllBytes(temp.File("b.onnx.data"));

        var run = Run.Cli("optimize", input, "-o", temp.File("b.onnx"), "--pipeline", "convert-fp16", "--external-data");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(data, File.ReadAllBytes(temp.File("b.onnx.data")));
        Assert.Equal(3f, ModelReader.Load(input).Graph.FindValue("w")!.ConstValue!.ToDoubleArray()[0]);
        Assert.NotNull(ModelReader.Load(temp.File("b.onnx")).Graph.FindValue("w"));
    }

    [Theory]
    [InlineData("input")]
    [InlineData("output")]
    [InlineData("folder")]
    public void Bad_report_paths_fail_before_anything_is_written(string kind)
    {
        using var temp = new TempDirectory();
        string input = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        byte[] before = File.ReadAllBytes(input);
        string output = temp.File("out.onnx");
        Directory.CreateDirectory(temp.File("reports"));
        string report = kind switch { "input" => input, "output" => output, _ => temp.File("reports") };

        var run = Run.Cli("optimize", input, "-o", output, "--preset", "cleanup", "--report", report);

        run.AssertOneErrorLine(2);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.False(File.Exists(output), "the model was written although the report path was bad");
    }

    [Fact]
    public void A_report_through_a_symbolic_link_replaces_the_target_and_keeps_the_link()
    {
        using var temp = new TempDirectory();
        string input = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        File.WriteAllText(temp.File("target.json"), "old");
        File.CreateSymbolicLink(temp.File("link.json"), temp.File("target.json"));

        var run = Run.Cli("optimize", input, "-o", temp.File("out.onnx"), "--preset", "cleanup", "--report", temp.File("link.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(new FileInfo(temp.File("link.json")).LinkTarget);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("target.json")));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public void A_report_named_dash_goes_to_stdout_alone()
    {
        using var temp = new TempDirectory();
        string input = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));

        var run = Run.Cli("optimize", input, "-o", temp.File("out.onnx"), "--preset", "cleanup", "--report", "-");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void A_report_through_a_hard_link_to_the_input_is_refused()
    {
        using var temp = new TempDirectory();
        string input = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        BlockingReadTests.Shell("ln", input, temp.File("alias.json"));

        var run = Run.Cli("optimize", input, "-o", temp.File("out.onnx"), "--preset", "cleanup", "--report", temp.File("alias.json"));

        run.AssertOneErrorLine(2);
        Assert.NotNull(ModelReader.Load(input));
    }
}
