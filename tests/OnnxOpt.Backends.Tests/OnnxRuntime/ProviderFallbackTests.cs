using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Serialization;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime;

/// <summary>
/// Provider selection where the GPU providers cannot load (no CUDA libraries here): requesting TensorRT falls
/// back to a working CPU session with a one-line explanation, or fails in one line with RequireProvider.
/// </summary>
public sealed class ProviderFallbackTests
{
    [Fact]
    public void The_fallback_chain_is_tensorrt_cuda_cpu()
    {
        Assert.Equal([ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu], ExecutionProviders.FallbackChain(ExecutionProviderKind.TensorRt));
        Assert.Equal([ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu], ExecutionProviders.FallbackChain(ExecutionProviderKind.Cuda));
        Assert.Equal([ExecutionProviderKind.Cpu], ExecutionProviders.FallbackChain(ExecutionProviderKind.Cpu));
        Assert.True(ExecutionProviders.TryParse("TensorRT", out var kind) && kind == ExecutionProviderKind.TensorRt);
        Assert.False(ExecutionProviders.TryParse("rocm", out _));
    }

    [SkippableFact]
    public void Requesting_tensorrt_explains_in_one_line_and_gives_a_working_cpu_session()
    {
        string? trt = ProviderLibraryProbe.WhyNotLoadable(ExecutionProviderKind.TensorRt);
        string? cuda = ProviderLibraryProbe.WhyNotLoadable(ExecutionProviderKind.Cuda);
        Skip.If(trt is null || cuda is null, "a GPU provider loads on this machine");
        var model = TestModels.ConvRelu();
        var inputs = new InputGenerator { Seed = 3 }.Generate(model);

        using var runner = new OrtRunner(ModelWriter.ToBytes(model), OrtRunOptions.Default, ProviderRequest.For(ExecutionProviderKind.TensorRt));

        Assert.Equal(ExecutionProviderKind.Cpu, runner.Selection.Selected);
        Assert.True(runner.Selection.FellBack);
        Assert.Equal($"TensorRT provider unavailable ({trt}), CUDA provider unavailable ({cuda}); running on CPU", runner.Selection.Explanation);
        Assert.DoesNotContain('\n', runner.Selection.Explanation!);
        var expected = OrtRunner.RunOnce(model, inputs);
        Assert.True(expected["y"].ContentEquals(runner.Run(inputs)["y"]));
    }

    [SkippableFact]
    public void The_missing_library_is_named_as_the_loader_reports_it()
    {
        string? trt = ProviderLibraryProbe.WhyNotLoadable(ExecutionProviderKind.TensorRt);
        Skip.If(trt is null, "the TensorRT provider loads on this machine");
        Assert.Matches(@"^\S+\.so(\.\d+)* not found$|is not installed$", trt);
    }

    [SkippableFact]
    public void Requiring_an_unavailable_provider_fails_in_one_line()
    {
        string? cuda = ProviderLibraryProbe.WhyNotLoadable(ExecutionProviderKind.Cuda);
        Skip.If(cuda is null, "the CUDA provider loads on this machine");
        var bytes = ModelWriter.ToBytes(TestModels.ConvRelu());

        var error = Assert.Throws<OrtExecutionException>(() => new OrtRunner(bytes, OrtRunOptions.Default, ProviderRequest.For(ExecutionProviderKind.Cuda, requireProvider: true)));

        Assert.Equal($"the CUDA execution provider is unavailable ({cuda})", error.Message);
    }

    [Fact]
    public void Cpu_requests_never_fall_back()
    {
        using var runner = new OrtRunner(ModelWriter.ToBytes(TestModels.ConvRelu()), OrtRunOptions.Default, ProviderRequest.Cpu);
        Assert.Equal(ExecutionProviderKind.Cpu, runner.Selection.Selected);
        Assert.Null(runner.Selection.Explanation);
    }

    [Theory]
    [InlineData("Unable to load shared library 'x.so' or one of its dependencies. ... variable: \nlibcublas.so.13: cannot open shared object file: No such file or directory\n", "libcublas.so.13 not found")]
    [InlineData("something else went wrong", "something else went wrong")]
    public void Loader_messages_shorten_to_their_reason(string message, string expected) =>
        Assert.Equal(expected, ProviderLibraryProbe.Shorten(message));
}
