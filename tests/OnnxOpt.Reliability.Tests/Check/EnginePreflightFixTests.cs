using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests.Check;

/// <summary>
/// The one pipeline `onnxopt engine` prints when its pre-flight refuses a model must, run with `onnxopt optimize`,
/// make the pre-flight pass: on every shared export, for every target.
/// </summary>
public sealed class EnginePreflightFixTests
{
    public static TheoryData<string, string> SharedExportsAndTargets() => CheckSuggestionTests.SharedExportsAndTargets();

    [SkippableTheory]
    [MemberData(nameof(SharedExportsAndTargets))]
    public void The_fix_an_engine_refusal_prints_makes_the_pre_flight_pass(string file, string targetName)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var target = TargetProfiles.Get(targetName);
        var options = new EngineOptions { Shapes = file.Contains("dynamic_shape", StringComparison.Ordinal) ? ShapeProfile.Fixed("images:1x3x640x640") : null };

        var preflight = EnginePreflight.Run(ModelReader.Load(path!), path!, target, options);
        if (preflight.Passed)
        {
            Assert.Null(preflight.Problem());
            return;
        }

        string? pipeline = preflight.FixPipeline();
        Assert.True(pipeline is not null, $"{file} on {targetName}: refused without a fix pipeline: {preflight.Problem()}");
        Assert.Contains($"--pipeline '{pipeline}'", preflight.Problem(), StringComparison.Ordinal);
        using var temp = new TempDirectory();
        var run = Run.Cli("optimize", path!, "-o", temp.File("fixed.onnx"), "--pipeline", pipeline!);
        Assert.True(run.ExitCode == 0, run.Error);

        var again = EnginePreflight.Run(ModelReader.Load(temp.File("fixed.onnx")), temp.File("fixed.onnx"), target, options);
        Assert.True(again.Passed, $"{file} on {targetName}: still refused after '{pipeline}': {again.Problem()}");
    }
}
