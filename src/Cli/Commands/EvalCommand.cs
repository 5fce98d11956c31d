using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Serialization;
using Spectre.Console;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt eval MODEL... --data PATH [--limit N] [--imgsz N] [--conf F] [--iou F] [--max-det N] [--threads N]
/// [--json] [--save-predictions FILE] [--per-class]</c>: COCO box metrics of each detection model on the same labelled
/// images (a YOLO folder, an Ultralytics data YAML or a COCO instances JSON), in one table with the change against
/// the first model. Decoding and letterboxing run beside inference; a progress bar shows only on a terminal.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var models = new Argument<string[]>("MODEL") { Description = "Detection models (.onnx Ultralytics exports); the first is the baseline for the Δ columns.", Arity = ArgumentArity.OneOrMore };
        CliOptions.RejectOptionLikeValues(models);
        var data = new Option<string>("--data") { Description = "Labelled images: a YOLO folder (images/ + labels/), a data .yaml (its val split) or a COCO instances .json.", Required = true, HelpName = "PATH" };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N images.", HelpName = "N" };
        var imgsz = new Option<int?>("--imgsz") { Description = "Letterbox size for models without a fixed input size (default: the model's imgsz metadata, else 640).", HelpName = "N" };
        var conf = new Option<float>("--conf") { Description = "Confidence threshold for detections.", DefaultValueFactory = _ => DetectionOptions.Default.Confidence, HelpName = "F" };
        var iou = new Option<float>("--iou") { Description = "NMS IoU threshold (per class).", DefaultValueFactory = _ => DetectionOptions.Default.IouThreshold, HelpName = "F" };
        var maxDet = new Option<int>("--max-det") { Description = "Detections kept per image.", DefaultValueFactory = _ => DetectionOptions.Default.MaxDetections, HelpName = "N" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: its default).", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var save = new Option<string?>("--save-predictions") { Description = "Write the detections as COCO results JSON (with several models: FILE-<n>-<model>.json).", HelpName = "FILE" };
        var perClass = new Option<bool>("--per-class") { Description = "Also print each model's per-class AP table." };
        var command = new Command("eval", "Measure detection accuracy (COCO mAP) of one or more models on labelled images.")
        {
            models, data, limit, imgsz, conf, iou, maxDet, threads, json, save, perClass,
        };
        command.SetAction(result =>
        {
            var detection = new DetectionOptions { Confidence = result.GetValue(conf), IouThreshold = result.GetValue(iou), MaxDetections = result.GetValue(maxDet) };
            if (detection.Validate() is { } problem)
            {
                throw new UsageException(problem);
            }

            if (result.GetValue(limit) is < 1 || result.GetValue(imgsz) is < 32 || result.GetValue(threads) < 0)
            {
                throw new UsageException("--limit must be at least 1, --imgsz at least 32 and --threads 0 or more");
            }

            var options = new EvaluationOptions
            {
                Detection = detection,
                ImageSize = result.GetValue(imgsz),
                RunOptions = OrtRunOptions.Default with { IntraOpThreads = result.GetValue(threads) },
            };
            var request = new EvalRequest(result.GetRequiredValue(models), result.GetRequiredValue(data), result.GetValue(limit), options, result.GetValue(save));
            return Run(CliContext.From(result), request, result.GetValue(json), result.GetValue(perClass));
        });
        return command;
    }

    private sealed record EvalRequest(string[] Models, string Data, int? Limit, EvaluationOptions Options, string? SavePredictions);

    private static int Run(CliContext context, EvalRequest request, bool json, bool perClass)
    {
        foreach (var model in request.Models)
        {
            if (!File.Exists(model))
            {
                throw new FileNotFoundException($"model '{model}' does not exist", model);
            }
        }

        var baseline = DetectionModel.Describe(ModelReader.Load(request.Models[0]), Path.GetFileName(request.Models[0]), request.Options.ImageSize);
        var dataset = DetectionDataset.Open(request.Data, baseline.ClassNames).Take(request.Limit);
        if (dataset.Images.Count == 0)
        {
            throw new UsageException($"'{request.Data}' has no images to evaluate");
        }

        if (dataset.ClassNames.Count != baseline.ClassNames.Count)
        {
            context.Error.WriteLine($"note: the dataset names {dataset.ClassNames.Count} classes, {baseline.Name} {baseline.ClassNames.Count}; classes are compared by index");
        }

        foreach (var note in dataset.Notes.Take(5))
        {
            context.Error.WriteLine($"note: {note}");
        }

        if (dataset.Notes.Count > 5)
        {
            context.Error.WriteLine($"note: ... and {dataset.Notes.Count - 5} more dataset notes");
        }

        var predictionFiles = PredictionFiles(request);
        var results = EvaluateAll(context, request, dataset);
        foreach (var result in results.Skip(1).Where(r => !r.Model.ClassNames.SequenceEqual(baseline.ClassNames)))
        {
            context.Error.WriteLine($"note: {result.Model.Name} names its classes differently from {baseline.Name}; labels are compared by class index");
        }

        for (int i = 0; i < results.Count; i++)
        {
            if (predictionFiles[i] is { } file)
            {
                CocoResultsJson.Write(file, results[i]);
            }
        }

        if (json)
        {
            context.Out.WriteLine(EvalReport.ToJson(request.Data, dataset, request.Options, request.Models, results, predictionFiles));
        }
        else
        {
            EvalReport.WriteText(TerminalConsole.Create(context), TerminalConsole.Border(context), request.Data, dataset, request.Models, results, perClass);
        }

        return ExitCodes.Success;
    }

    private static List<EvaluationResult> EvaluateAll(CliContext context, EvalRequest request, DetectionDataset dataset)
    {
        var evaluator = new DetectionEvaluator(request.Options);
        var results = new List<EvaluationResult>();
        if (!context.OutIsTerminal || Console.IsErrorRedirected)
        {
            results.AddRange(request.Models.Select(m => evaluator.Evaluate(m, dataset)));
            return results;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(progress =>
        {
            foreach (var model in request.Models)
            {
                var task = progress.AddTask(Markup.Escape(Path.GetFileName(model)), maxValue: dataset.Images.Count);
                results.Add(evaluator.Evaluate(model, dataset, new TaskProgress(task)));
                task.Value = dataset.Images.Count;
            }
        });
        return results;
    }

    /// <summary>Where each model's predictions go (null: nowhere); checked before any work so an input is never overwritten.</summary>
    private static List<string?> PredictionFiles(EvalRequest request)
    {
        var files = new List<string?>();
        for (int i = 0; i < request.Models.Length; i++)
        {
            if (request.SavePredictions is not { } file)
            {
                files.Add(null);
                continue;
            }

            string path = request.Models.Length == 1
                ? file
                : Path.Combine(Path.GetDirectoryName(file) ?? "", $"{Path.GetFileNameWithoutExtension(file)}-{i + 1}-{Path.GetFileNameWithoutExtension(request.Models[i])}{Path.GetExtension(file)}");
            if (request.Models.Any(m => Path.GetFullPath(m) == Path.GetFullPath(path)) || Path.GetFullPath(request.Data) == Path.GetFullPath(path))
            {
                throw new UsageException($"--save-predictions would overwrite the input '{path}'");
            }

            files.Add(path);
        }

        return files;
    }

    /// <summary>Moves a progress bar straight from the evaluator's thread (Spectre's tasks are thread-safe).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
