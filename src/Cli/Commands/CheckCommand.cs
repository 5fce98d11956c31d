using System.CommandLine;
using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt check MODEL --target T [--json] [--precision P] [--shapes S]</c>: the TensorRT pre-flight check.
/// Prints a verdict per finding and the pipelines that would fix them; exits 1 when anything is unsupported,
/// so scripts can gate an engine build on it. <c>--shapes</c> checks the model as if its inputs had those fixed
/// shapes: it runs <c>fix-input-shape</c> on the model in memory, and every suggested pipeline starts with that step.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The .onnx file to check." };
        CliOptions.RejectOptionLikeValues(model);
        var target = new Option<string>("--target", "-t") { Description = $"The deployment target: {string.Join(", ", TargetProfiles.Names)}.", Required = true, HelpName = "T" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var precision = new Option<string?>("--precision") { Description = "Check for an engine of this precision: fp32, fp16 or int8.", HelpName = "P" };
        var shapes = new Option<string?>("--shapes") { Description = "Check as if these inputs had fixed shapes, e.g. images:1x3x640x640 (suggested pipelines then start with fix-input-shape).", HelpName = "SHAPES" };
        var command = new Command("check", "Check whether a model's nodes are supported by a TensorRT target, with suggested fixes.")
        {
            model, target, json, precision, shapes,
        };
        command.SetAction(result =>
        {
            var context = CliContext.From(result);
            var profile = TargetArguments.Target(result.GetRequiredValue(target));
            var loaded = ModelReader.Load(result.GetRequiredValue(model));
            var fixedShapes = TargetArguments.FixedShapes(result.GetValue(shapes));
            var options = new CheckOptions
            {
                Precision = result.GetValue(precision) is { } p ? TargetArguments.Precision(p) : null,
                Shapes = fixedShapes,
                AppliedPipeline = fixedShapes is null ? null : FixShapes(loaded, InputShapeFix.PipelineFor(fixedShapes)),
            };
            var report = CompatibilityChecker.Check(loaded, profile, options);
            context.Out.Write(result.GetValue(json) ? CheckReportWriter.ToJson(report) + Environment.NewLine : CheckReportWriter.ToText(report, context.Verbose));
            return report.IsSupported ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Runs <paramref name="pipeline"/> (a fix-input-shape step) on the model; a shape the model contradicts is a usage error.</summary>
    private static string FixShapes(Model model, string pipeline)
    {
        try
        {
            PipelineRunner.Run(model, pipeline);
            return pipeline;
        }
        catch (PipelineException e)
        {
            throw new UsageException($"--shapes: {e.Message.Split('\n')[0]}", e);
        }
    }
}
