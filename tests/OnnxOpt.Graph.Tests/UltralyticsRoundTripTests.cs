using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

public sealed class UltralyticsRoundTripTests
{
    private static readonly Dictionary<string, long> DynamicDims = new() { ["batch"] = 1, ["height"] = 640, ["width"] = 640 };

    [SkippableTheory]
    [MemberData(nameof(SharedData.FloatExports), MemberType = typeof(SharedData))]
    [InlineData("yolov8n_int8_dynamic.onnx")]
    public void Export_round_trips_bit_identically_inline_and_through_external_data(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);

        var original = ModelReader.Load(path!);
        Assert.DoesNotContain(GraphVerifier.Verify(original), d => d.IsError);

        using var temp = new TempDirectory();
        string inline = temp.File("inline.onnx");
        ModelWriter.Save(original, inline);
        string external = temp.File("external.onnx");
        ModelWriter.Save(ModelReader.Load(inline), external, new WriteOptions { ExternalData = true });
        Assert.True(File.Exists(external + ".data"));

        var generator = new InputGenerator { Seed = 7, Dims = DynamicDims };
        var inputs = generator.Generate(original);
        var expected = RunFile(path!, inputs);
        foreach (var candidate in new[] { inline, external })
        {
            var actual = RunFile(candidate, inputs);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (name, tensor) in expected)
            {
                Assert.True(tensor.ContentEquals(actual[name]), $"output {name} of {Path.GetFileName(candidate)} differs");
            }
        }
    }

    private static IReadOnlyDictionary<string, Tensor> RunFile(string path, IReadOnlyDictionary<string, Tensor> inputs)
    {
        using var runner = new OrtRunner(path);
        return runner.Run(inputs);
    }
}
