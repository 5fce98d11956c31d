using System.CommandLine;
using System.Text.Json.Nodes;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Driver;
using OnnxOpt.Graph.Serialization;
using Spectre.Console;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt batch INPUTS... --out DIR (--pipeline TEXT | --preset NAME) [--jobs N] [--report FILE.json]</c>:
/// optimizes files, folders and globs in parallel, keeps going when one model fails, prints a summary table and
/// exits 1 if any model failed. A progress bar is shown on a terminal, plain lines otherwise.
/// </summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("INPUTS") { Description = "Model files, folders (their *.onnx) or globs ('models/*.onnx', 'models/**/*.onnx').", Arity = ArgumentArity.OneOrMore };
        CliOptions.RejectOptionLikeValues(inputs);
        var outDir = new Option<string>("--out") { Description = "Folder for the optimized models (same file names).", Required = true, HelpName = "DIR" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Models optimized at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var report = new Option<string?>("--report") { Description = "Write every model's result, statistics and timing as JSON.", HelpName = "FILE.json" };
        var noVerifyEach = new Option<bool>("--no-verify-each") { Description = "Skip the graph verifier between passes (each result is still verified before it is written)." };
        var selection = new PipelineSelection();
        var calibration = new CalibrationArguments();
        var command = new Command("batch", "Optimize many models in parallel.") { inputs, outDir, jobs, report, noVerifyEach };
        selection.AddTo(command);
        calibration.AddTo(command);
        command.SetAction(result =>
        {
            int jobCount = result.GetValue(jobs);
            if (jobCount < 1)
            {
                throw new UsageException("--jobs must be at least 1");
            }

            string text = selection.Text(result);
            PipelineSelection.Build(text);
            IReadOnlyList<string> files;
            IReadOnlyList<(string Input, string Output)> plan;
            try
            {
                files = BatchInputs.Expand(result.GetRequiredValue(inputs));
                plan = BatchOptimizer.Plan(files, result.GetRequiredValue(outDir));
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                throw new UsageException(e.Message, e);
            }

            if (files.Count == 0)
            {
                throw new UsageException("no .onnx files matched the inputs");
            }

            OutputPaths.Check(files, plan.Select(p => new OutputTarget(p.Output, "output"))
                .Concat(result.GetValue(report) is { } reportFile ? [new OutputTarget(reportFile, "--report", AllowsStdout: true)] : []));

            Directory.CreateDirectory(result.GetRequiredValue(outDir));
            var optimizer = new BatchOptimizer(() => PipelineSelection.Build(text), new OptimizeOptions { VerifyEach = !result.GetValue(noVerifyEach), ConstantEvaluator = new OrtConstantEvaluator(), ActivationStatistics = calibration.Provider(result) }, jobCount);
            return Run(CliContext.From(result), optimizer, plan, result.GetValue(report));
        });
        return command;
    }

    private static int Run(CliContext context, BatchOptimizer optimizer, IReadOnlyList<(string Input, string Output)> plan, string? reportPath)
    {
        // With '--report -' standard output carries the JSON alone; the human-readable text moves to stderr.
        var stdout = context.Out;
        if (reportPath == OutputPaths.StandardOutput)
        {
            context = context with { Out = context.Error };
        }

        var console = TerminalConsole.Create(context);
        IReadOnlyList<BatchItem> items;
        if (context.OutIsTerminal)
        {
            items = [];
            console.Progress().Start(progress =>
            {
                var task = progress.AddTask($"optimizing {plan.Count} models", maxValue: plan.Count);
                items = optimizer.Run(plan, _ => task.Increment(1));
            });
        }
        else
        {
            var gate = new object();
            items = optimizer.Run(plan, item =>
            {
                lock (gate)
                {
                    (item.Succeeded ? context.Out : context.Error).WriteLine(item.Succeeded ? $"ok     {item.Input}" : $"FAILED {item.Input}: {CliErrors.OneLine(item.Error!)}");
                }
            });
        }

        var table = new Table().Border(TerminalConsole.Border(context)).Title("batch summary");
        foreach (var column in new[] { "model", "nodes before", "nodes after", "size before", "size after", "ms", "status" })
        {
            table.AddColumn(column);
        }

        foreach (var item in items)
        {
            var r = item.Result;
            table.AddRow(
                Markup.Escape(Path.GetFileName(item.Input)),
                r is null ? "-" : Units.Count(r.NodesBefore),
                r is null ? "-" : Units.Count(r.NodesAfter),
                r?.BytesBefore is not { } before ? "-" : Markup.Escape(Units.Bytes(before)),
                r is null ? "-" : Markup.Escape(Units.Bytes(r.BytesAfter)),
                r is null ? "-" : r.Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
                item.Succeeded ? "ok" : Markup.Escape("failed: " + CliErrors.OneLine(item.Error!)));
        }

        console.Write(table);
        int failed = items.Count(i => !i.Succeeded);
        context.Out.WriteLine($"{items.Count - failed} of {items.Count} models optimized{(failed > 0 ? $", {failed} failed" : string.Empty)}");
        if (reportPath is not null)
        {
            var json = new JsonArray(items.Select(i => i.Result is { } r
                ? (JsonNode)ReportJson.Of(r)
                : new JsonObject { ["input"] = i.Input, ["output"] = i.Output, ["error"] = i.Error }).ToArray());
            JsonReportFile.Write(reportPath, json, stdout);
        }

        // Failures go to stderr as well, so a script that keeps only stderr still sees them.
        if (context.OutIsTerminal)
        {
            foreach (var item in items.Where(i => !i.Succeeded))
            {
                context.Error.WriteLine($"FAILED {item.Input}: {CliErrors.OneLine(item.Error!)}");
            }
        }

        if (failed > 0)
        {
            context.Error.WriteLine($"error: {failed} of {items.Count} models failed");
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
