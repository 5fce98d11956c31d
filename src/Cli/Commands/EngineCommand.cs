using System.CommandLine;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Ort;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT.Trtexec;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt engine MODEL --target T -o OUT.engine</c>: builds a TensorRT engine with trtexec (cached by model,
/// target, options, TensorRT version and device) or ONNX Runtime's TensorRT provider. FP16 is the default. On
/// strongly typed TensorRT 11 an FP16 build of a float32 model first goes through <c>convert-fp16,fold-casts</c>
/// into a temporary file. <c>--dry-run</c> prints the plan and the exact trtexec command without running it.
/// </summary>
public static class EngineCommand
{
    /// <summary>The conversion run before an FP16 build on a strongly typed target.</summary>
    public const string Fp16Conversion = "convert-fp16,fold-casts";

    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The .onnx file to build an engine from." };
        CliOptions.RejectOptionLikeValues(model);
        var o = new EngineCommandOptions();
        var command = new Command("engine", "Build a TensorRT engine for a target with trtexec or ONNX Runtime's TensorRT provider.") { model };
        o.AddTo(command);
        command.SetAction(result => Run(CliContext.From(result), result.GetRequiredValue(model), o.Read(result)));
        return command;
    }

    private static int Run(CliContext context, string input, EngineCommandValues values)
    {
        // The engine goes through the same output check as every other written file: never the model or its data.
        OutputPaths.Check([input], [new OutputTarget(values.Output, "output")]);
        var model = ModelReader.Load(input);
        OutputPaths.Check(InputFiles.Of(input, model), [new OutputTarget(values.Output, "output")]);
        string? converted = null;
        if (EnginePlanner.RequiredConversion(values.Target, values.Options.Precision, ModelFacts.Inspect(model, sparsity: false)) is not null)
        {
            converted = Convert(model, values.Target);
            var line = values.Json ? context.Error : context.Out;
            line.WriteLine($"note: TensorRT {values.Target.TensorRtText} is strongly typed and the model is float32: converted it with {Fp16Conversion} into {converted}{(values.DryRun ? " (kept for the command below)" : string.Empty)}");
        }

        try
        {
            string modelPath = converted ?? input;
            return values.Driver == EngineDriver.Ort ? BuildWithOrt(context, modelPath, values) : BuildWithTrtexec(context, modelPath, values);
        }
        finally
        {
            if (converted is not null && !values.DryRun)
            {
                Directory.Delete(Path.GetDirectoryName(converted)!, recursive: true);
            }
        }
    }

    private static string Convert(Model model, TargetProfile target)
    {
        PipelineRunner.Run(model, Fp16Conversion);
        string folder = Path.Combine(Path.GetTempPath(), $"onnxopt-{target.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "model.fp16.onnx");
        ModelWriter.Save(model, path);
        return path;
    }

    private static int BuildWithTrtexec(CliContext context, string modelPath, EngineCommandValues values)
    {
        var cache = values.CacheDirectory is null ? EngineCache.Default() : new EngineCache(values.CacheDirectory);
        var builder = new TrtexecEngineBuilder(cache);
        var request = new EngineBuildRequest
        {
            ModelPath = modelPath,
            OutputPath = values.Output,
            Target = values.Target,
            Options = values.Options,
            Trtexec = values.Trtexec,
            DeviceName = values.Device,
            UseCache = !values.NoCache,
            OnOutputLine = context.Verbose ? context.Error.WriteLine : null,
        };
        if (values.DryRun)
        {
            var (plan, command) = builder.DryRun(request);
            context.Out.Write(values.Json ? EngineDryRunReport.ToJson(plan, command, modelPath) + Environment.NewLine : EngineDryRunReport.ToText(plan, command, values.Trtexec));
            return ExitCodes.Success;
        }

        var built = builder.Build(request);
        context.Out.Write(values.Json ? EngineBuildReport.ToJson(built) + Environment.NewLine : EngineBuildReport.ToText(built));
        return ExitCodes.Success;
    }

    private static int BuildWithOrt(CliContext context, string modelPath, EngineCommandValues values)
    {
        if (values.DryRun)
        {
            var model = ModelReader.Load(modelPath);
            var plan = EnginePlanner.Plan(values.Target, values.Options, ModelFacts.Inspect(model), model);
            var providerOptions = TensorRtProviderOptionsBuilder.Build(plan, Path.GetFullPath(OrtCacheDirectory(values) ?? Path.Combine(EngineCache.Default().Root, "ort", values.Target.Name)));
            context.Out.Write(values.Json ? EngineDryRunReport.ToJson(plan, providerOptions, modelPath) + Environment.NewLine : EngineDryRunReport.ToText(plan, providerOptions));
            return ExitCodes.Success;
        }

        var built = OrtTensorRtEngineBuilder.Build(new OrtEngineBuildRequest
        {
            ModelPath = modelPath,
            OutputPath = values.Output,
            Target = values.Target,
            Options = values.Options,
            CacheDirectory = OrtCacheDirectory(values),
        });
        context.Out.WriteLine($"engine: {built.EnginePath} (built by ONNX Runtime's TensorRT provider for {values.Target.Name}, precision {built.Plan.Precision.CliName()})");
        foreach (string note in built.Plan.Notes)
        {
            context.Out.WriteLine($"note: {note}");
        }

        return ExitCodes.Success;
    }

    // The provider's engine folder sits inside the engine cache, per target, as OrtTensorRtEngineBuilder's default does.
    private static string? OrtCacheDirectory(EngineCommandValues values) =>
        values.CacheDirectory is null ? null : Path.Combine(values.CacheDirectory, "ort", values.Target.Name);
}
