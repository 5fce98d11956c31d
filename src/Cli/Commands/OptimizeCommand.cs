using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Rewriting;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt optimize [MODEL] -o OUT (--pipeline TEXT | --preset NAME)</c> with the pass manager's instrumentation:
/// verify-each (on unless <c>--no-verify-each</c>), timing, statistics, IR printing and dumps, and a rewrite limit for bisecting a miscompile.
/// The result is always verified before it is written. With <c>--target T</c> a <c>convert-opset</c> to the
/// newest opset T's parser imports is appended when the model's opset is newer.
/// </summary>
public static class OptimizeCommand
{
    public static Command Create()
    {
        var model = new Argument<string?>("MODEL") { Description = "The .onnx file to optimize. Without it: the built-in YOLOv8n.", Arity = ArgumentArity.ZeroOrOne };
        CliOptions.RejectOptionLikeValues(model);
        var output = new Option<string>("--output", "-o") { Description = "Where to write the optimized model.", Required = true };
        var selection = new PipelineSelection();
        var noVerifyEach = new Option<bool>("--no-verify-each") { Description = "Skip the graph verifier between passes (faster; the result is still verified before it is written)." };
        var timing = new Option<bool>("--timing") { Description = "Print each pass's wall time." };
        var stats = new Option<bool>("--stats") { Description = "Print each pass's statistics counters." };
        var printAfter = new Option<string[]>("--print-ir-after") { Description = "Print the IR after this pass (repeatable), or 'all'.", HelpName = "PASS", AllowMultipleArgumentsPerToken = false };
        var printAfterChange = new Option<bool>("--print-ir-after-change") { Description = "Print the IR after every pass that changed it (with --print-ir-after: only those passes)." };
        var dumpDir = new Option<string?>("--dump-dir") { Description = "Write the IR text before the pipeline and after every pass into this folder.", HelpName = "DIR" };
        var maxRewrites = new Option<long?>("--max-rewrites") { Description = "Stop after the Nth rewrite (bisect a miscompile to one rewrite).", HelpName = "N" };
        var report = new Option<string?>("--report") { Description = "Write pass statistics and timing as JSON to this file.", HelpName = "FILE.json" };
        var external = new Option<bool>("--external-data") { Description = "Store weights in OUT.data beside the model." };
        var tracePatterns = new Option<string?>("--trace-patterns")
        {
            Description = "Print each attempt of the rewrite pattern NAME (or of every pattern of the pass NAME, or 'all'): matched, or why not.",
            HelpName = "NAME",
        };
        var target = new Option<string?>("--target") { Description = "A TensorRT target (jetson-nano, ...): convert the result down to the opset its parser imports when it is newer.", HelpName = "T" };
        var calibration = new CalibrationArguments();
        var command = new Command("optimize", "Run a pass pipeline over a model and write the result.")
        {
            model, output, noVerifyEach, timing, stats, printAfter, printAfterChange, dumpDir, maxRewrites, report, external, target, tracePatterns,
        };
        calibration.AddTo(command);
        selection.AddTo(command);
        command.SetAction(result =>
        {
            var context = CliContext.From(result);
            string? input = result.GetValue(model);
            string outputPath = result.GetRequiredValue(output);
            // Every written path is checked against the input before any work starts (its data files once it is read).
            OutputPaths.Check(input is null ? [] : [input], Targets(outputPath, result.GetValue(dumpDir), result.GetValue(report)));

            string text = selection.Text(result);
            var pipeline = PipelineSelection.Build(text);
            long? limit = result.GetValue(maxRewrites);
            if (limit is < 0)
            {
                throw new UsageException("--max-rewrites must not be negative");
            }

            var printSet = (result.GetValue(printAfter) ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var name in printSet.Where(n => n != "all" && PipelineRunner.Registry.FindPass(n) is null))
            {
                throw new UsageException($"--print-ir-after: unknown pass '{name}'");
            }

            string? traced = result.GetValue(tracePatterns);
            if (traced is { Length: 0 })
            {
                throw new UsageException("--trace-patterns needs a pattern or pass name, or 'all'");
            }

            var targetProfile = result.GetValue(target) is { } targetName ? TargetArguments.Target(targetName) : null;
            var subject = ModelInput.Load(context, input, "optimizing");
            if (targetProfile is not null)
            {
                pipeline = PipelineSelection.Build(OptimizeTarget.Append(context, text, targetProfile, subject.Model));
            }

            var options = new OptimizeOptions
            {
                PatternTrace = traced is null ? null : new MatchTrace(traced, context.Error),
                VerifyEach = !result.GetValue(noVerifyEach),
                MaxRewrites = limit,
                PrintIrAfter = printSet,
                PrintIrAfterChange = result.GetValue(printAfterChange),
                IrOutput = context.Error,
                DumpDirectory = result.GetValue(dumpDir),
                Write = new WriteOptions { ExternalData = result.GetValue(external) },
                ConstantEvaluator = new OrtConstantEvaluator(),
                ActivationStatistics = calibration.Provider(result),
                ChannelCalibration = calibration.ChannelCalibration(result),
            };
            return Run(context, input, subject, outputPath, pipeline, options, result.GetValue(timing), result.GetValue(stats), result.GetValue(report));
        });
        return command;
    }

    private static IEnumerable<OutputTarget> Targets(string output, string? dumpDirectory, string? reportPath)
    {
        yield return new OutputTarget(output, "output");
        if (reportPath is not null)
        {
            yield return new OutputTarget(reportPath, "--report", AllowsStdout: true);
        }

        if (dumpDirectory is not null)
        {
            yield return new OutputTarget(dumpDirectory, "--dump-dir", IsFolder: true);
        }
    }

    private static int Run(CliContext context, string? inputPath, ModelInput input, string output, Pipeline pipeline, OptimizeOptions options, bool timing, bool stats, string? reportPath)
    {
        // With '--report -' standard output carries the JSON alone; the human-readable text moves to stderr.
        var stdout = context.Out;
        if (reportPath == OutputPaths.StandardOutput)
        {
            context = context with { Out = context.Error };
        }

        if (inputPath is not null)
        {
            var inputs = InputFiles.Of(inputPath, input.Model);
            OutputPaths.Check(inputs, Targets(output, options.DumpDirectory, reportPath));
            options = options with { Write = options.Write with { KeepFiles = inputs } };
        }

        var result = new ModelOptimizer(pipeline, options).Optimize(input.Model, input.Name, input.Bytes, output);

        var console = TerminalConsole.Create(context);
        context.Out.WriteLine($"pipeline: {result.Report.Pipeline}");
        if (timing)
        {
            PipelineReportText.WriteTiming(console, TerminalConsole.Border(context), result.Report);
        }

        if (stats)
        {
            PipelineReportText.WriteStatistics(console, TerminalConsole.Border(context), result.Report);
        }

        foreach (var diagnostic in result.Report.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        if (options.PatternTrace is { Entries.Count: 0 } trace)
        {
            context.Error.WriteLine($"note: --trace-patterns {trace.Filter}: no pattern of that name (or pattern pass of that name) was tried on any node");
        }

        if (result.Report.StoppedAtRewrite is { } last)
        {
            context.Error.WriteLine($"note: stopped after rewrite {result.Report.RewritesUsed} ({last}), as --max-rewrites asked");
        }

        if (reportPath is not null)
        {
            JsonReportFile.Write(reportPath, ReportJson.Of(result), stdout);
        }

        context.Out.WriteLine($"wrote {result.Output}: nodes {result.NodesBefore} -> {result.NodesAfter}, size {(result.BytesBefore is { } before ? $"{Units.Bytes(before)} -> " : string.Empty)}{Units.Bytes(result.BytesAfter)}, {result.Elapsed.TotalMilliseconds:0} ms");
        return ExitCodes.Success;
    }
}
