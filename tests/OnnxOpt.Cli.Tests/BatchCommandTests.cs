using System.Text.Json.Nodes;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class BatchCommandTests
{
    [Fact]
    public void Folder_and_glob_with_one_broken_file_keeps_going_and_exits_1()
    {
        using var temp = new TempDirectory();
        string folder = temp.File("models");
        string other = temp.File("more");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(other);
        TestModels.Save(TestModels.SmallYolo(), Path.Combine(folder, "a.onnx"));
        TestModels.Save(YoloV8Generator.Generate(new YoloV8Options { ImageSize = 64, Seed = 1 }), Path.Combine(folder, "b.onnx"));
        File.WriteAllBytes(Path.Combine(folder, "broken.onnx"), [0x0a, 0xff, 0xff, 0x01]);
        TestModels.Save(TestModels.ConstantErf(), Path.Combine(other, "erf.onnx"));
        File.WriteAllText(Path.Combine(other, "notes.txt"), "not a model");
        string outDir = temp.File("out");
        string report = temp.File("batch.json");

        var run = CliRun.Of("batch", folder, Path.Combine(other, "*.onnx"), "--out", outDir, "--pipeline", "fold-constants,cleanup", "--jobs", "2", "--report", report);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["a.onnx", "b.onnx", "erf.onnx"], Directory.GetFiles(outDir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ModelReader.Load(Path.Combine(outDir, "erf.onnx")).Graph.Nodes, n => n.OpType == "Erf");
        Assert.Contains("batch summary", run.Out, StringComparison.Ordinal);
        Assert.Contains("FAILED", run.Error, StringComparison.Ordinal);
        Assert.Contains("failed:", run.Out, StringComparison.Ordinal);
        Assert.Contains("3 of 4 models optimized, 1 failed", run.Out, StringComparison.Ordinal);

        var items = JsonNode.Parse(File.ReadAllText(report))!.AsArray();
        Assert.Equal(4, items.Count);
        var broken = items.Single(i => i!["input"]!.GetValue<string>().EndsWith("broken.onnx", StringComparison.Ordinal))!;
        Assert.False(string.IsNullOrEmpty(broken["error"]!.GetValue<string>()));
        var good = items.Where(i => i!["error"] is null).ToList();
        Assert.Equal(3, good.Count);
        Assert.All(good, i =>
        {
            // The canonical pipeline spells out every option, defaults included.
            string pipeline = i!["pipeline"]!.GetValue<string>();
            Assert.StartsWith("fold-constants{size-threshold=", pipeline, StringComparison.Ordinal);
            Assert.EndsWith("," + OnnxOpt.Passes.Infrastructure.PipelineRunner.Parse("cleanup").ToPipelineText(), pipeline, StringComparison.Ordinal);
            Assert.NotEmpty(i["passes"]!.AsArray());
            Assert.True(i["nodesAfter"]!.GetValue<int>() <= i["nodesBefore"]!.GetValue<int>());
        });
    }

    [Fact]
    public void All_good_models_exit_0_with_a_preset()
    {
        using var temp = new TempDirectory();
        string a = TestModels.Save(TestModels.SmallYolo(), temp.File("a.onnx"));
        string b = TestModels.Save(TestModels.ConstantErf(), temp.File("b.onnx"));

        var run = CliRun.Of("batch", a, b, "--out", temp.File("out"), "--preset", "cleanup", "--jobs", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 of 2 models optimized", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", run.Out, StringComparison.Ordinal);
        GraphVerifier.ThrowIfInvalid(ModelReader.Load(temp.File("out/a.onnx")));
    }

    [Fact]
    public void Jobs_0_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        string a = TestModels.Save(TestModels.SmallYolo(), temp.File("a.onnx"));

        var run = CliRun.Of("batch", a, "--out", temp.File("out"), "--preset", "cleanup", "--jobs", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--jobs must be at least 1", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void Output_folder_equal_to_the_input_folder_is_refused()
    {
        using var temp = new TempDirectory();
        string a = TestModels.Save(TestModels.SmallYolo(), temp.File("a.onnx"));
        byte[] before = File.ReadAllBytes(a);

        var run = CliRun.Of("batch", a, "--out", temp.Path, "--preset", "cleanup");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("would be overwritten", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(a));
    }

    [Fact]
    public void Missing_input_and_empty_glob_are_usage_errors()
    {
        using var temp = new TempDirectory();

        var missing = CliRun.Of("batch", temp.File("nope.onnx"), "--out", temp.File("out"), "--preset", "cleanup");
        var empty = CliRun.Of("batch", temp.File("*.onnx"), "--out", temp.File("out"), "--preset", "cleanup");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("no .onnx files matched", empty.Error, StringComparison.Ordinal);
    }
}
