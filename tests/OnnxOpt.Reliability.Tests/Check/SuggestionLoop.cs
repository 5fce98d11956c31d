using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests.Check;

/// <summary>
/// What a user does with `onnxopt check`: take each pipeline it suggests, run it with `onnxopt optimize`, and check
/// the result again. Every suggestion must parse, run, and remove each finding it was printed for, and must not be
/// suggested again. Then the suggestions are followed one after another, as a user would, to the end: no pipeline
/// may come back (a circle), and nothing fixable may be left.
/// </summary>
internal static class SuggestionLoop
{
    private const int MaxSteps = 6;

    /// <param name="modelPath">The model file the user checks.</param>
    /// <param name="target">The TensorRT target.</param>
    /// <param name="options">Check options; with <see cref="CheckOptions.AppliedPipeline"/> set the model is rewritten in memory first, as `check --shapes` does.</param>
    public static void Run(string modelPath, TargetProfile target, CheckOptions options)
    {
        using var temp = new TempDirectory();
        var report = Check(modelPath, target, options);
        string where = $"{Path.GetFileName(modelPath)} on {target.Name}{(options.Precision is { } p ? $" ({p.CliName()})" : string.Empty)}";
        foreach (string pipeline in report.SuggestedPipelines)
        {
            Assert.NotEmpty(PipelineRunner.Parse(pipeline).Items);
            string fixedPath = Apply(modelPath, pipeline, temp.File($"{Guid.NewGuid():N}.onnx"), where);
            var after = Check(fixedPath, target, options with { AppliedPipeline = null });
            foreach (var problem in report.Diagnostics.Where(d => d.Severity != CheckSeverity.Info && d.Fix?.Pipeline == pipeline))
            {
                Assert.False(after.Diagnostics.Any(d => d.Severity != CheckSeverity.Info && Key(d) == Key(problem)),
                    $"{where}: '{pipeline}' was suggested for {problem}, but the finding is still there after running it");
            }

            Assert.False(after.SuggestedPipelines.Contains(pipeline, StringComparer.Ordinal), $"{where}: '{pipeline}' is suggested again after running it");
        }

        FollowToTheEnd(modelPath, target, options, temp, where);
    }

    private static void FollowToTheEnd(string modelPath, TargetProfile target, CheckOptions options, TempDirectory temp, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string current = modelPath;
        var report = Check(current, target, options);
        for (int step = 0; report.SuggestedPipelines.Count > 0; step++)
        {
            Assert.True(step < MaxSteps, $"{where}: still suggesting {string.Join(" | ", report.SuggestedPipelines)} after {MaxSteps} steps");
            string pipeline = report.SuggestedPipelines[0];
            Assert.True(seen.Add(pipeline), $"{where}: '{pipeline}' was suggested again after it ran (a circle)");
            current = Apply(current, pipeline, temp.File($"step{step}.onnx"), where);
            report = Check(current, target, options with { AppliedPipeline = null });
        }
    }

    /// <summary>Runs the pipeline as the user would, with `onnxopt optimize`, and returns the written file.</summary>
    private static string Apply(string modelPath, string pipeline, string output, string where)
    {
        var run = Reliability.Tests.Run.Cli("optimize", modelPath, "-o", output, "--pipeline", pipeline);
        Assert.True(run.ExitCode == 0, $"{where}: 'onnxopt optimize --pipeline {pipeline}' failed: {run.Error}");
        return output;
    }

    private static CheckReport Check(string modelPath, TargetProfile target, CheckOptions options)
    {
        var model = ModelReader.Load(modelPath);
        if (options.AppliedPipeline is { } applied)
        {
            PipelineRunner.Run(model, applied);
        }

        return CompatibilityChecker.Check(model, target, options);
    }

    private static (string Code, string Subject) Key(CheckDiagnostic d) => (d.Code, d.Subject);
}
