using System.Text.Json;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class EngineCommandTests
{
    [Fact]
    public void Builds_with_trtexec_reports_its_summary_and_reuses_the_cached_engine()
    {
        using var trtexec = new FakeTrtexecWrapper();
        string model = TestModels.Save(TestModels.SmallYolo(), Path.Combine(trtexec.Folder, "yolo.onnx"));
        string engine = Path.Combine(trtexec.Folder, "yolo.engine");
        string[] args = ["engine", model, "--target", "jetson-orin", "-o", engine, "--trtexec", trtexec.Executable, "--device", "Orin", "--cache-dir", Path.Combine(trtexec.Folder, "cache")];

        var first = CliRun.Of(args);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("fake TensorRT engine\n", File.ReadAllText(engine));
        Assert.Contains($"engine: {engine}\n", first.Out, StringComparison.Ordinal);
        Assert.Contains("--fp16", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"throughput: \d+\.\d\d qps", first.Out);
        Assert.Contains("latency ms: min", first.Out, StringComparison.Ordinal);

        File.Delete(engine);
        var second = CliRun.Of([.. args, "--json"]);
        Assert.True(second.ExitCode == 0, second.Error);
        using var json = JsonDocument.Parse(second.Out);
        Assert.True(json.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.True(File.Exists(engine));
        Assert.Equal(1, trtexec.Invocations);

        var uncached = CliRun.Of([.. args, "--no-cache"]);
        Assert.Equal(0, uncached.ExitCode);
        Assert.Equal(2, trtexec.Invocations);
    }

    [Fact]
    public void A_dry_run_for_the_nano_prints_the_fp16_command_and_runs_nothing()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(opset: 13), temp.File("yolo.onnx"));
        string engine = temp.File("yolo.engine");

        var run = CliRun.Of("engine", model, "--target", "jetson-nano", "-o", engine, "--dry-run", "--workspace", "1024", "--cache-dir", temp.File("cache"));

        Assert.Equal(0, run.ExitCode);
        var command = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("command: ", StringComparison.Ordinal));
        // Portable: no timing cache of this host's engine cache unless --timing-cache names one.
        Assert.Equal($"command: trtexec --onnx={model} --saveEngine={engine} --fp16 --workspace=1024", command);
        Assert.False(File.Exists(engine));
        Assert.DoesNotContain("converted", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dry_run_for_tensorrt_11_converts_to_fp16_first_and_passes_no_precision_flag()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("engine", model, "--target", "trt11", "-o", temp.File("yolo.engine"), "--dry-run", "--device", "GPU", "--cache-dir", temp.File("cache"));

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        var conversion = Assert.Single(lines, l => l.Contains("converted it with convert-fp16,fold-casts", StringComparison.Ordinal));
        string converted = conversion[(conversion.IndexOf(" into ", StringComparison.Ordinal) + 6)..conversion.IndexOf(" (kept", StringComparison.Ordinal)];
        // The copy lies beside the engine, not in this host's temporary folder.
        Assert.Equal(temp.File("yolo.fp16.onnx"), converted);
        try
        {
            var command = Assert.Single(lines, l => l.StartsWith("command: ", StringComparison.Ordinal));
            Assert.Contains($"--onnx={converted} ", command, StringComparison.Ordinal);
            Assert.DoesNotContain("--fp16", command, StringComparison.Ordinal);
            var weights = Graph.Serialization.ModelReader.Load(converted).Graph.Initializers.Select(v => v.ConstValue!.DataType).ToList();
            // Scales of Resize and the like stay float32; the weights are float16.
            Assert.True(weights.Count(t => t == Graph.IR.DataType.Float16) > 10 * weights.Count(t => t == Graph.IR.DataType.Float));
        }
        finally
        {
            File.Delete(converted);
        }
    }

    [Fact]
    public void What_the_target_cannot_do_is_an_error_line_with_exit_1()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(opset: 13), temp.File("yolo.onnx"));

        var run = CliRun.Of("engine", model, "--target", "jetson-nano", "-o", temp.File("e.engine"), "--dla-core", "0", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: jetson-nano has no DLA cores", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void A_missing_trtexec_is_an_error_line_with_exit_1()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("engine", model, "--target", "trt10", "-o", temp.File("e.engine"), "--trtexec", temp.File("no-such-trtexec"), "--device", "GPU", "--cache-dir", temp.File("cache"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: trtexec not found", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ort_driver_without_tensorrt_libraries_fails_in_one_line_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("engine", model, "--target", "trt10", "-o", temp.File("e.engine"), "--driver", "ort", "--cache-dir", temp.File("cache"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: the TensorRT execution provider is unavailable (", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("e.engine")));
    }

    [Theory]
    [InlineData("--driver", "tensorflow")]
    [InlineData("--sparsity", "sometimes")]
    [InlineData("--min-shapes", "images:1x3x64x64")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        Assert.Equal(2, CliRun.Of("engine", model, "--target", "trt10", "-o", temp.File("e.engine"), option, value, "--dry-run").ExitCode);
    }
}
