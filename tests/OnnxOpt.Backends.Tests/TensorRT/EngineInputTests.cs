using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>The backend's choice of what file an engine build reads, with the caller's pass manager stubbed out.</summary>
public sealed class EngineInputTests
{
    [Fact]
    public void A_target_that_is_not_strongly_typed_reads_the_model_as_given()
    {
        using var temp = new TempDirectory();
        string model = Save(TestModels.ConvRelu(), temp.File("m.onnx"));
        var asked = new List<string>();

        using var input = EngineInput.Prepare(model, TargetProfiles.TensorRt10, Precision.Fp16, (_, p) => asked.Add(p));

        Assert.Equal(model, input.Path);
        Assert.Null(input.Conversion);
        Assert.Empty(asked);
    }

    [Fact]
    public void Fp16_on_strongly_typed_tensorrt_converts_into_a_temporary_copy_that_dispose_removes()
    {
        using var temp = new TempDirectory();
        string model = Save(TestModels.ConvRelu(), temp.File("m.onnx"));
        var asked = new List<string>();

        string path;
        using (var input = EngineInput.Prepare(model, TargetProfiles.TensorRt11, Precision.Fp16, (m, p) => { asked.Add(p); m.ProducerName = "rewritten"; }))
        {
            path = input.Path;
            Assert.Equal(FixPipelines.Fp16Conversion, input.Conversion);
            Assert.Equal([FixPipelines.Fp16Conversion], asked);
            Assert.NotEqual(model, path);
            Assert.Equal("rewritten", ModelReader.Load(path).ProducerName);
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void A_kept_copy_outlives_dispose()
    {
        using var temp = new TempDirectory();
        string model = Save(TestModels.ConvRelu(), temp.File("m.onnx"));

        var input = EngineInput.Prepare(model, TargetProfiles.TensorRt11, Precision.Fp16, (_, _) => { });
        input.Keep = true;
        input.Dispose();

        try
        {
            Assert.True(File.Exists(input.Path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(input.Path)!, recursive: true);
        }
    }

    private static string Save(Model model, string path)
    {
        ModelWriter.Save(model, path);
        return path;
    }
}
