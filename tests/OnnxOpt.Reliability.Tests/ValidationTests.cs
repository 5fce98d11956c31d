using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 6: bad numbers are rejected by name, nesting is bounded, nothing overflows.</summary>
public sealed class ValidationTests
{
    [Theory]
    [InlineData("--atol", "NaN")]
    [InlineData("--rtol", "NaN")]
    [InlineData("--atol", "Infinity")]
    [InlineData("--min", "NaN")]
    public void Non_finite_verify_numbers_are_usage_errors_naming_the_option(string option, string value)
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));

        var run = Run.Cli("verify", model, model, option, value);

        run.AssertOneErrorLine(2);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_pipeline_text_is_a_usage_error_not_a_stack_overflow()
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        string text = string.Concat(Enumerable.Repeat("fixpoint(", 20_000)) + "cse" + new string(')', 20_000);

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--pipeline", text);

        run.AssertOneErrorLine(2);
        Assert.Contains("nested", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_size_past_the_limit_is_a_usage_error_not_an_overflow()
    {
        using var temp = new TempDirectory();

        var run = Run.Cli("generate", "-o", temp.File("m.onnx"), "--image-size", "2147483616");

        run.AssertOneErrorLine(2);
        Assert.Contains("--image-size", run.Error, StringComparison.Ordinal);
    }
}
