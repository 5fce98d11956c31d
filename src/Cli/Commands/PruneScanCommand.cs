using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Evaluation.Pruning;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Transforms.Pruning;
using OnnxOpt.Plotting;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt prune-scan MODEL --data PATH [--amount F] [--pattern element|2:4] [--limit N] [--top N] [--plot FILE]
/// [--json]</c>: prunes one Conv weight at a time and measures how far the outputs move on real images, most
/// sensitive layers first, with a per-layer bar chart. Layers that barely move can take a larger amount.
/// </summary>
public static class PruneScanCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The detection model to scan." };
        CliOptions.RejectOptionLikeValues(model);
        var data = new Option<string>("--data") { Description = "Images to run (a YOLO dataset folder, data .yaml, COCO .json, or a folder of images).", Required = true, HelpName = "PATH" };
        var amount = new Option<double>("--amount") { Description = "Share of each layer's weights to zero, smallest magnitude first.", DefaultValueFactory = _ => 0.3, HelpName = "F" };
        var pattern = new Option<string>("--pattern") { Description = "element, or 2:4 (two of every four input-channel weights).", DefaultValueFactory = _ => "element" };
        var limit = new Option<int>("--limit") { Description = "Images to run per layer.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var top = new Option<int>("--top") { Description = "Rows of the table (most sensitive first).", DefaultValueFactory = _ => 15, HelpName = "N" };
        var plot = new Option<string?>("--plot") { Description = "Draw 1 - cosine per layer, in graph order, to a .png or .svg file.", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print every layer as JSON." };
        var command = new Command("prune-scan", "Measure each Conv layer's sensitivity to pruning on real images.")
        {
            model, data, amount, pattern, limit, top, plot, json,
        };
        command.SetAction(result =>
        {
            var options = new PruneConvL1Options
            {
                Amount = result.GetValue(amount),
                Pattern = result.GetRequiredValue(pattern) switch
                {
                    "element" => PrunePattern.Element,
                    "2:4" => PrunePattern.TwoOfFour,
                    var other => throw new UsageException($"--pattern must be element or 2:4, not '{other}'"),
                },
            };
            if (options.Validate() is { } problem)
            {
                throw new UsageException($"--amount: {problem}");
            }

            string? plotPath = result.GetValue(plot);
            if (plotPath is not null && !ChartFile.IsSupported(plotPath))
            {
                throw new UsageException($"--plot '{plotPath}': use a .png or .svg file name");
            }

            if (result.GetValue(limit) < 1 || result.GetValue(top) < 0)
            {
                throw new UsageException("--limit must be at least 1 and --top 0 or more");
            }

            string modelPath = result.GetRequiredValue(model);
            var loaded = ModelReader.Load(modelPath);
            var description = DetectionModel.Describe(loaded, Path.GetFileName(modelPath));
            string dataPath = result.GetRequiredValue(data);
            var images = (Directory.Exists(dataPath) && !Directory.Exists(Path.Combine(dataPath, "labels"))
                ? Evaluation.Verification.ImageVerifier.FindImages(dataPath)
                : DetectionDataset.Open(dataPath, description.ClassNames).Images.Select(i => i.Path).ToList()).Take(result.GetValue(limit)).ToList();
            var inputs = ImageInputs.Feeds(description, images).ToList();
            var context = CliContext.From(result);
            context.Error.WriteLine($"note: pruning each Conv alone and running {inputs.Count} image(s) per layer");
            var report = new PruneScan { Options = options, RunOptions = OrtRunOptions.Default }.Run(loaded, inputs);
            if (plotPath is not null)
            {
                Charts.PruneScan(description.Name, report).Save(plotPath);
            }

            if (result.GetValue(json))
            {
                context.Out.WriteLine(PruneScanOutput.ToJson(description.Name, report, plotPath));
            }
            else
            {
                PruneScanOutput.WriteText(context, description.Name, report, result.GetValue(top), plotPath);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
