using System.Diagnostics;
using System.Text.Json;
using OnnxOpt.Fixtures.Small;
using OnnxOpt.SampleModels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

/// <summary>One run of the built onnxopt as a separate process: real console streams, redirected, and exit codes.</summary>
public sealed class ExecutableSmokeTests
{
    [Fact]
    public void Built_executable_inspects_a_model_with_redirected_output()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "onnxopt.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built next to the tests");
        using var temp = new TempDirectory();
        string model = TestModels.Save(SmallModels.ConvRelu(), temp.File("conv_relu.onnx"));

        var (code, stdout, stderr) = Start(dll, "inspect", model);
        Assert.Equal((0, string.Empty), (code, stderr));
        Assert.Contains("conv_relu.onnx", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);

        (code, stdout, _) = Start(dll, "inspect", model, "--json");
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.Equal(2, json.RootElement.GetProperty("nodes").GetInt32());
        }

        (code, stdout, stderr) = Start(dll, "inspect", temp.File("missing.onnx"));
        Assert.Equal((1, string.Empty), (code, stdout));
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Error) Start(string dll, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
