using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Evaluation.Comparison;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Plotting;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt compare MODEL... [--data PATH] [--threads N] [--rounds N] [--json] [--plot FILE.png|.svg]</c>: one row
/// per model with file size, nodes, Conv sparsity, interleaved CPU latency, speed-up against the first model and,
/// with --data, mAP50-95 and mAP50 with their change against the first model.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var models = new Argument<string[]>("MODEL") { Description = "Models to compare; the first is the baseline for speed-up and Δ.", Arity = ArgumentArity.OneOrMore };
        CliOptions.RejectOptionLikeValues(models);
        var data = new Option<string?>("--data") { Description = "Labelled images for mAP (YOLO folder, data .yaml or COCO .json).", HelpName = "PATH" };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N images.", HelpName = "N" };
        var imgsz = new Option<int?>("--imgsz") { Description = "Letterbox size for models without a fixed input size.", HelpName = "N" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads for every session (0: its default).", HelpName = "N" };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs of each model first.", DefaultValueFactory = _ => 3, HelpName = "N" };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds; each runs every model once, in turn.", DefaultValueFactory = _ => 20, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON." };
        var plot = new Option<string?>("--plot") { Description = "Draw latency against mAP50-95 (needs --data) to a .png or .svg file.", HelpName = "FILE" };
        var command = new Command("compare", "Compare models side by side: size, sparsity, CPU latency and (with --data) mAP.")
        {
            models, data, limit, imgsz, threads, warmup, rounds, json, plot,
        };
        command.SetAction(result =>
        {
            string? plotPath = result.GetValue(plot);
            if (plotPath is not null && !ChartFile.IsSupported(plotPath))
            {
                throw new UsageException($"--plot '{plotPath}': use a .png or .svg file name");
            }

            if (plotPath is not null && result.GetValue(data) is null)
            {
                throw new UsageException("--plot draws latency against mAP50-95 and needs --data");
            }

            int threadCount = result.GetValue(threads), warmupRuns = result.GetValue(warmup), roundCount = result.GetValue(rounds);
            if (threadCount < 0 || warmupRuns < 0 || roundCount < 1 || result.GetValue(limit) is < 1 || result.GetValue(imgsz) is < 32)
            {
                throw new UsageException("--threads and --warmup must be 0 or more, --rounds and --limit at least 1, --imgsz at least 32");
            }

            string[] paths = result.GetRequiredValue(models);
            foreach (var path in paths.Where(p => plotPath is not null && PathIdentity.Same(p, plotPath)))
            {
                throw new UsageException($"--plot would overwrite the input '{path}'");
            }

            var runOptions = OrtRunOptions.Default with { IntraOpThreads = threadCount };
            var comparison = new ModelComparison(
                new InterleavedBenchmark { Warmup = warmupRuns, Rounds = roundCount, RunOptions = runOptions },
                EvaluationOptions.Default with { RunOptions = runOptions, ImageSize = result.GetValue(imgsz), KeepPredictions = false });
            var context = CliContext.From(result);
            var report = comparison.Compare(paths, result.GetValue(data), result.GetValue(limit), new SyncProgress<string>(step => context.Error.WriteLine($"note: {(step == "latency" ? "timing latency (interleaved runs)" : $"evaluating {step}")}")));
            if (plotPath is not null)
            {
                Charts.Comparison(report).Save(plotPath);
            }

            if (result.GetValue(json))
            {
                context.Out.WriteLine(CompareOutput.ToJson(report, plotPath));
            }
            else
            {
                CompareOutput.WriteText(context, report, plotPath);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
