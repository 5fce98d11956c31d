using Microsoft.ML.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 7: every failure is one `error:` line with the cause and, where it helps, the fix.</summary>
public sealed class ErrorFormatTests
{
    [Fact]
    public void A_mistyped_command_gets_one_line_with_a_suggestion()
    {
        var run = Run.Cli("optimze", "m.onnx");

        run.AssertOneErrorLine(2);
        Assert.Contains("did you mean optimize", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_option_gets_one_line_with_a_suggestion()
    {
        var run = Run.Cli("optimize", "m.onnx", "-o", "out.onnx", "--preset", "cleanup", "--taget", "jetson-nano");

        run.AssertOneErrorLine(2);
        Assert.Contains("did you mean --target", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_arguments_are_reported_once()
    {
        Run.Cli("verify").AssertOneErrorLine(2);
        Run.Cli().AssertOneErrorLine(2);
    }

    [Fact]
    public void A_folder_given_as_a_model_says_it_is_a_folder()
    {
        using var temp = new TempDirectory();

        var run = Run.Cli("inspect", temp.Path);

        run.AssertOneErrorLine(1);
        Assert.Contains("folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_naming_a_folder_says_so_before_any_work()
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));

        var run = Run.Cli("optimize", model, "-o", temp.File("outdir") + "/", "--preset", "cleanup");

        run.AssertOneErrorLine(2);
        Assert.Contains("is a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_failures_reach_stderr_with_one_error_line()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("in"));
        Models.Save(Models.WithWeight(1f), temp.File("in/good.onnx"));
        File.WriteAllText(temp.File("in/bad.onnx"), "not a model");

        var run = Run.Cli("batch", temp.File("in"), "--out", temp.File("out"), "--preset", "cleanup", "-j", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.onnx", run.Error, StringComparison.Ordinal);
        Assert.Single(run.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Onnx_runtime_sessions_log_only_fatal_errors_unless_verbose()
    {
        using (var quiet = OrtSessionOptionsFactory.Create(OrtRunOptions.Default))
        {
            Assert.Equal(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, quiet.LogSeverityLevel);
        }

        OrtNativeLog.Verbose = true;
        try
        {
            using var verbose = OrtSessionOptionsFactory.Create(OrtRunOptions.Default);
            Assert.Equal(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, verbose.LogSeverityLevel);
        }
        finally
        {
            OrtNativeLog.Verbose = false;
        }
    }
}
