using System.CommandLine;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt generate -o OUT [--size n|s|m] [--seed S] [--image-size N] [--dynamic]</c>: writes a model with the
/// YOLOv8 architecture (Ultralytics export layout) and seeded random weights, for trying pipelines and for
/// benchmarks without downloading a real export.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        const int MaxImageSize = 4096;
        var output = new Option<string>("--output", "-o") { Description = "Where to write the model.", Required = true };
        var size = new Option<string>("--size") { Description = "Model scale: n (3.2 M parameters), s (11.2 M) or m (25.9 M).", DefaultValueFactory = _ => "n" };
        size.AcceptOnlyFromAmong("n", "s", "m");
        var seed = new Option<int>("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 0 };
        var imageSize = new Option<int>("--image-size") { Description = "Square input side in pixels, a multiple of 32.", DefaultValueFactory = _ => 640, HelpName = "N" };
        var dynamic = new Option<bool>("--dynamic") { Description = "Symbolic batch, height and width, with shapes computed at run time as in dynamic exports." };
        var command = new Command("generate", "Write a YOLOv8-architecture model with random weights.") { output, size, seed, imageSize, dynamic };
        command.SetAction(result =>
        {
            int side = result.GetValue(imageSize);
            // The anchor tables grow with the square of the side: past 4096 they overflow int sizes long before they are useful.
            if (side < 32 || side > MaxImageSize || side % 32 != 0)
            {
                throw new UsageException($"--image-size must be a multiple of 32 from 32 to {MaxImageSize} (got {side})");
            }

            var options = new YoloV8Options
            {
                Size = result.GetValue(size) switch { "s" => YoloV8Size.S, "m" => YoloV8Size.M, _ => YoloV8Size.N },
                Seed = result.GetValue(seed),
                ImageSize = side,
                DynamicShape = result.GetValue(dynamic),
            };
            return Run(CliContext.From(result), result.GetRequiredValue(output), options);
        });
        return command;
    }

    private static int Run(CliContext context, string output, YoloV8Options options)
    {
        OutputPaths.Check([], [new OutputTarget(output, "output")]);
        var model = YoloV8Generator.Generate(options);
        GraphVerifier.ThrowIfInvalid(model);
        ModelWriter.Save(model, output);
        context.Out.WriteLine($"wrote {output}: YOLOv8{options.Size.ToString().ToLowerInvariant()}, {options.ImageSize}x{options.ImageSize}{(options.DynamicShape ? " (dynamic shape)" : string.Empty)}, seed {options.Seed}, {Units.Count(model.Graph.Nodes.Count)} nodes, {Units.Bytes(new FileInfo(output).Length)}");
        return ExitCodes.Success;
    }
}
