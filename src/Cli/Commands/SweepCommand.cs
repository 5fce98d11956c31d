using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Evaluation.Sweeps;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Plotting;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt sweep MODEL --pipeline 'prune-conv-l1{amount=$x scope=layer}' [--pipeline ...] --values 0,0.1,0.2
/// --data PATH [--out DIR] [--plot FILE] [--calibration-data DIR]</c>: runs each pipeline template for each value, evaluates every result on
/// the same images, and writes sweep.csv, sweep.json and a chart of mAP50-95 (solid) and mAP50 (dashed) against
/// the value, one pair of lines per template.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The detection model to sweep." };
        CliOptions.RejectOptionLikeValues(model);
        var pipelines = new Option<string[]>("--pipeline", "-p") { Description = "Pipeline template with $x where each value goes (repeatable: one line pair per template).", Required = true, HelpName = "TEMPLATE", AllowMultipleArgumentsPerToken = false };
        var values = new Option<string>("--values") { Description = "Comma-separated values for $x, e.g. 0,0.05,0.1,0.2,0.3.", Required = true, HelpName = "LIST" };
        var data = new Option<string>("--data") { Description = "Labelled images (YOLO folder, data .yaml or COCO .json).", Required = true, HelpName = "PATH" };
        var output = new Option<string?>("--out") { Description = "Folder for sweep.csv, sweep.json and sweep.png (default: sweep-<model name>).", HelpName = "DIR" };
        var plot = new Option<string?>("--plot") { Description = "Where to draw the chart instead (.png or .svg).", HelpName = "FILE" };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N images.", HelpName = "N" };
        var imgsz = new Option<int?>("--imgsz") { Description = "Letterbox size for models without a fixed input size.", HelpName = "N" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: its default).", HelpName = "N" };
        var command = new Command("sweep", "Run pipeline templates over a range of values and plot mAP against the value.")
        {
            model, pipelines, values, data, output, plot, limit, imgsz, threads,
        };
        var calibration = new CalibrationArguments();
        calibration.AddTo(command);
        command.SetAction(result =>
        {
            string modelPath = result.GetRequiredValue(model);
            List<PipelineTemplate> templates;
            IReadOnlyList<double> sweptValues;
            try
            {
                templates = result.GetRequiredValue(pipelines).Select(t => new PipelineTemplate(t)).ToList();
                sweptValues = PipelineTemplate.ParseValues(result.GetRequiredValue(values));
                foreach (var template in templates)
                {
                    PipelineRunner.Parse(template.Instantiate(sweptValues[0]));
                }
            }
            catch (PipelineException e)
            {
                throw new UsageException(e.Message, e);
            }

            string? plotPath = result.GetValue(plot);
            if (plotPath is not null && !ChartFile.IsSupported(plotPath))
            {
                throw new UsageException($"--plot '{plotPath}': use a .png or .svg file name");
            }

            if (result.GetValue(limit) is < 1 || result.GetValue(imgsz) is < 32 || result.GetValue(threads) < 0)
            {
                throw new UsageException("--limit must be at least 1, --imgsz at least 32 and --threads 0 or more");
            }

            if (!File.Exists(modelPath))
            {
                throw new FileNotFoundException($"model '{modelPath}' does not exist", modelPath);
            }

            string folder = result.GetValue(output) ?? $"sweep-{Path.GetFileNameWithoutExtension(modelPath)}";
            var files = new SweepOutputFiles(Path.Combine(folder, "sweep.csv"), Path.Combine(folder, "sweep.json"), plotPath ?? Path.Combine(folder, "sweep.png"));
            var evaluation = EvaluationOptions.Default with
            {
                ImageSize = result.GetValue(imgsz),
                RunOptions = OrtRunOptions.Default with { IntraOpThreads = result.GetValue(threads) },
                KeepPredictions = false,
            };
            var context = CliContext.From(result);
            var sweep = new PipelineSweep(evaluation, new OptimizeOptions
            {
                ConstantEvaluator = new OrtConstantEvaluator(),
                ActivationStatistics = calibration.Provider(result),
                ChannelCalibration = calibration.ChannelCalibration(result),
            });
            var report = sweep.Run(modelPath, templates, sweptValues, result.GetRequiredValue(data), result.GetValue(limit), new SyncProgress<string>(step => context.Error.WriteLine($"note: evaluating {step}")));
            Directory.CreateDirectory(folder);
            SweepFiles.WriteCsv(files.Csv, report);
            SweepFiles.WriteJson(files.Json, report);
            Charts.Sweep(report).Save(files.Plot);
            SweepOutput.WriteText(context, report, files);
            return ExitCodes.Success;
        });
        return command;
    }
}
