using OnnxOpt.Fixtures.Small;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

/// <summary>Whatever users feed the tool, they get one <c>error:</c> line and an exit code, never a stack trace.</summary>
public sealed class ErrorHandlingTests
{
    public static TheoryData<string> BadFiles() =>
    [
        "missing", "empty", "random", "json", "truncated", "folder", "hostile-external", "absolute-external", "missing-external",
    ];

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_model_files_give_one_error_line_and_exit_1(string kind)
    {
        using var temp = new TempDirectory();
        string path = Create(kind, temp);

        foreach (var args in new[] { new[] { "inspect", path }, ["inspect", path, "--json"], ["convert", path, "-o", temp.File("out.onnx")] })
        {
            var run = CliRun.Of(args);
            Assert.Equal(1, run.ExitCode);
            string line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Out);
        }

        Assert.False(File.Exists(temp.File("out.onnx")));
    }

    [Theory]
    [InlineData("hostile-external", "escapes the model's folder")]
    [InlineData("absolute-external", "must be a relative path")]
    [InlineData("empty", "empty")]
    [InlineData("missing", "Could not find file")]
    public void Error_lines_say_what_is_wrong(string kind, string expected)
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("inspect", Create(kind, temp));
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        using var temp = new TempDirectory();
        string path = Create("random", temp);
        var quiet = CliRun.Of("inspect", path);
        var verbose = CliRun.Of("inspect", path, "--verbose");
        var shortForm = CliRun.Of("-v", "inspect", path);

        Assert.Equal((1, 1, 1), (quiet.ExitCode, verbose.ExitCode, shortForm.ExitCode));
        Assert.Equal(quiet.ErrorLines[0], verbose.ErrorLines[0]);
        Assert.True(verbose.ErrorLines.Length > 3);
        Assert.Contains("OnnxFormatException", verbose.Error, StringComparison.Ordinal);
        Assert.Contains(" at ", verbose.Error, StringComparison.Ordinal);
        Assert.Equal(verbose.ErrorLines.Length, shortForm.ErrorLines.Length);
    }

    [Theory]
    [InlineData("inspect", "--bogus")]
    [InlineData("inspect", "a.onnx", "b.onnx")]
    [InlineData("frobnicate")]
    [InlineData]
    [InlineData("convert")]
    [InlineData("convert", "model.onnx")]
    [InlineData("convert", "model.onnx", "-o")]
    [InlineData("convert", "--bogus", "-o", "out.onnx")]
    public void Usage_errors_exit_2_with_error_lines(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.ErrorLines);
        Assert.All(run.ErrorLines, l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        var run = CliRun.Of("convert", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--external-data-threshold", run.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    private static string Create(string kind, TempDirectory temp)
    {
        string path = temp.File(kind + ".onnx");
        byte[] valid = ModelWriter.ToBytes(SmallModels.ConvRelu());
        switch (kind)
        {
            case "missing":
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "random":
                var bytes = new byte[4096];
                new Random(7).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                break;
            case "json":
                File.WriteAllText(path, "{\"model\": \"yolov8n\", \"layers\": [1, 2, 3], \"ok\": true}\n");
                break;
            case "truncated":
                File.WriteAllBytes(path, valid[..(valid.Length / 2)]);
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "hostile-external":
                File.WriteAllBytes(path, TestModels.WithExternalLocation("../../etc/passwd"));
                break;
            case "absolute-external":
                File.WriteAllBytes(path, TestModels.WithExternalLocation("/etc/passwd"));
                break;
            case "missing-external":
                File.WriteAllBytes(path, TestModels.WithExternalLocation("weights.bin"));
                break;
            default:
                throw new ArgumentException(kind);
        }

        return path;
    }
}
