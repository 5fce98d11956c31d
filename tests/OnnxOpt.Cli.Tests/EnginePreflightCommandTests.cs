using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

/// <summary>
/// `engine` runs the pre-flight check before trtexec: a model the target's parser rejects is one error line naming
/// the problem and the fix pipeline (exit 1), `--force` makes it one warning line and builds; the printed command
/// names no host cache or temp path unless asked (`--timing-cache`).
/// </summary>
public sealed class EnginePreflightCommandTests
{
    [Fact]
    public void An_opset_20_model_for_tensorrt_8_2_is_refused_with_the_fix_pipeline_and_trtexec_never_runs()
    {
        using var trtexec = new FakeTrtexecWrapper("trt8.2-jetson-nano.log");
        string model = TestModels.Save(TestModels.SmallYolo(opset: 20), Path.Combine(trtexec.Folder, "yolo.onnx"));
        string engine = Path.Combine(trtexec.Folder, "yolo.engine");

        var run = CliRun.Of("engine", model, "--target", "jetson-nano", "-o", engine, "--trtexec", trtexec.Executable, "--device", "Nano", "--cache-dir", Path.Combine(trtexec.Folder, "cache"));

        Assert.Equal(1, run.ExitCode);
        string error = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: jetson-nano's parser (onnx-tensorrt 8.2) cannot take the model: model: opset 20 is newer than onnx-tensorrt 8.2 imports (up to 13)", error, StringComparison.Ordinal);
        Assert.Contains("--pipeline 'convert-opset{version=13}'", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal(0, trtexec.Invocations);
        Assert.False(File.Exists(engine));
    }

    [Fact]
    public void The_printed_fix_makes_the_pre_flight_pass()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(opset: 20), temp.File("yolo.onnx"));
        string[] engine = ["--target", "jetson-nano", "-o", temp.File("yolo.engine"), "--dry-run"];

        var refused = CliRun.Of(["engine", model, .. engine]);
        string error = Assert.Single(refused.ErrorLines);
        int at = error.IndexOf("--pipeline '", StringComparison.Ordinal) + "--pipeline '".Length;
        string pipeline = error[at..error.IndexOf('\'', at)];
        var optimize = CliRun.Of("optimize", model, "-o", temp.File("fixed.onnx"), "--pipeline", pipeline);
        Assert.True(optimize.ExitCode == 0, optimize.Error);

        var built = CliRun.Of(["engine", temp.File("fixed.onnx"), .. engine]);
        Assert.True(built.ExitCode == 0, built.Error);
        Assert.Empty(built.ErrorLines);
    }

    [Fact]
    public void With_force_it_warns_once_and_builds()
    {
        using var trtexec = new FakeTrtexecWrapper("trt8.2-jetson-nano.log");
        string model = TestModels.Save(TestModels.SmallYolo(opset: 20), Path.Combine(trtexec.Folder, "yolo.onnx"));
        string engine = Path.Combine(trtexec.Folder, "yolo.engine");

        var run = CliRun.Of("engine", model, "--target", "jetson-nano", "-o", engine, "--trtexec", trtexec.Executable, "--device", "Nano", "--cache-dir", Path.Combine(trtexec.Folder, "cache"), "--force");

        Assert.True(run.ExitCode == 0, run.Error);
        string warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith("warning: jetson-nano's parser (onnx-tensorrt 8.2) cannot take the model: model: opset 20", warning, StringComparison.Ordinal);
        Assert.EndsWith("building anyway (--force)", warning, StringComparison.Ordinal);
        Assert.Equal(1, trtexec.Invocations);
        Assert.True(File.Exists(engine));
    }

    [Fact]
    public void A_built_engine_reports_the_portable_command_not_the_staging_or_cache_paths_it_ran_with()
    {
        using var trtexec = new FakeTrtexecWrapper();
        string model = TestModels.Save(TestModels.SmallYolo(), Path.Combine(trtexec.Folder, "yolo.onnx"));
        string engine = Path.Combine(trtexec.Folder, "yolo.engine");
        string cache = Path.Combine(trtexec.Folder, "cache");

        var run = CliRun.Of("engine", model, "--target", "jetson-orin", "-o", engine, "--trtexec", trtexec.Executable, "--device", "Orin", "--cache-dir", cache);

        Assert.True(run.ExitCode == 0, run.Error);
        var command = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("command: ", StringComparison.Ordinal));
        Assert.Equal($"command: trtexec --onnx={model} --saveEngine={engine} --fp16", command);
        // trtexec itself ran with the staging folder and the engine cache's timing cache.
        string ran = File.ReadAllText(trtexec.ArgsFile);
        Assert.Contains($"--timingCacheFile={cache}", ran, StringComparison.Ordinal);
        Assert.DoesNotContain($"--saveEngine={engine}", ran, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timing_cache_appears_in_the_command_only_when_named()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("engine", model, "--target", "trt10", "-o", temp.File("yolo.engine"), "--dry-run", "--timing-cache", temp.File("trt10.timing"));

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith($" --fp16 --timingCacheFile={temp.File("trt10.timing")}", Assert.Single(run.Out.Split('\n'), l => l.StartsWith("command: ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_timing_cache_that_is_the_model_is_refused_before_any_work()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("yolo.onnx"));

        var run = CliRun.Of("engine", model, "--target", "trt10", "-o", temp.File("yolo.engine"), "--dry-run", "--timing-cache", model);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: refusing to overwrite the input", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
