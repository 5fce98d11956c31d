using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Precision;

public sealed class PresetTests
{
    public static IEnumerable<object[]> Cases() =>
        SharedData.FloatExports().SelectMany(f => new[] { new[] { f[0], "paper" }, new[] { f[0], "fp16" } });

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Preset_runs_end_to_end_on_every_export_and_the_result_runs_in_onnx_runtime(string file, string preset)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var original = ModelReader.Load(path);
        var model = ModelReader.Load(path);

        var report = PipelineRunner.Run(model, preset);

        Assert.Contains(report.Runs, r => r.PassName == "convert-fp16" && r.Changed);
        PrecisionAssert.Verifies(model);
        PrecisionAssert.NoCastFeedsCast(model);
        var dims = new Dictionary<string, long> { ["batch"] = 1, ["height"] = 320, ["width"] = 320 };
        var inputs = new InputGenerator { Dims = dims }.Generate(original);
        var expected = OrtRunner.RunOnce(original, inputs);
        var actual = OrtRunner.RunOnce(model, inputs);
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.Dims, actual[name].Dims);
            Assert.Equal(DataType.Float, actual[name].DataType);
            Assert.All(actual[name].ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void Presets_are_registered_and_end_with_the_float16_steps()
    {
        foreach (string name in new[] { "paper", "fp16" })
        {
            var preset = PipelineRunner.Registry.FindPreset(name);
            Assert.NotNull(preset);
            Assert.EndsWith("convert-fp16,fold-casts", preset.Pipeline, StringComparison.Ordinal);
        }
    }
}
