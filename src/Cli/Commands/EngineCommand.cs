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
/// target, options, TensorRT version and device) or ONNX Runtime's TensorRT provider. FP16 is the default. The
/// backend decides what the model needs first (<see cref="EngineInput"/>: on strongly typed TensorRT an FP16 build of
/// a float32 model reads a converted copy); this command supplies the pass manager and prints.
/// <c>--dry-run</c> prints the plan and the exact trtexec command without running it. Before anything is built
/// the pre-flight check runs: a model the target's parser rejects is an error naming the problem and the fix
/// pipeline (<c>--force</c>: a warning, and the build goes on). The printed command is portable: paths as given, and
/// a timing cache only when <c>--timing-cache</c> names one.
/// </summary>
public static class EngineCommand
{
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
        // Every file the command writes (the engine, a named timing cache, a dry run's converted copy) goes through
        // the same output check as every other written file: never the model or its data.
        var outputs = Outputs(values);
        OutputPaths.Check([input], outputs);
        var model = ModelReader.Load(input);
        OutputPaths.Check(InputFiles.Of(input, model), outputs);
        Preflight(context, model, input, values);
        using var engineInput = EngineInput.Prepare(input, model, values.Target, values.Options.Precision, (m, pipeline) => PipelineRunner.Run(m, pipeline), values.DryRun ? DryRunCopy(values.Output) : null);
        if (engineInput.Conversion is { } conversion)
        {
            engineInput.Keep = values.DryRun;
            var line = values.Json ? context.Error : context.Out;
            line.WriteLine($"note: TensorRT {values.Target.TensorRtText} is strongly typed and the model is float32: converted it with {conversion} into {engineInput.Path}{(values.DryRun ? " (kept for the command below)" : string.Empty)}");
        }

        var cache = values.CacheDirectory is null ? EngineCache.Default() : new EngineCache(values.CacheDirectory);
        return values.Driver == EngineDriver.Ort ? BuildWithOrt(context, engineInput.Path, values, cache) : BuildWithTrtexec(context, engineInput.Path, values, cache);
    }

    /// <summary>
    /// The pre-flight check (`onnxopt check`) before anything is built: a model the target's parser rejects stops here
    /// with the problem and the fix pipeline, unless --force turns that into one warning line. The ort driver only
    /// warns: ONNX Runtime partitions the graph and runs what TensorRT rejects on its other providers.
    /// </summary>
    private static void Preflight(CliContext context, Model model, string input, EngineCommandValues values)
    {
        if (EnginePreflight.Run(model, input, values.Target, values.Options).Problem() is not { } problem)
        {
            return;
        }

        if (values.Driver == EngineDriver.Ort)
        {
            context.Error.WriteLine($"warning: {problem}; ONNX Runtime runs the parts TensorRT rejects outside it");
            return;
        }

        if (!values.Force)
        {
            throw new EngineBuildException($"{problem}; or give --force to build anyway");
        }

        context.Error.WriteLine($"warning: {problem}; building anyway (--force)");
    }

    private static List<OutputTarget> Outputs(EngineCommandValues values)
    {
        var outputs = new List<OutputTarget> { new(values.Output, "output") };
        if (values.TimingCache is { } timingCache)
        {
            outputs.Add(new OutputTarget(timingCache, "--timing-cache"));
        }

        if (values.DryRun)
        {
            outputs.Add(new OutputTarget(DryRunCopy(values.Output), "converted copy"));
        }

        return outputs;
    }

    /// <summary>
    /// Where a dry run keeps a model it had to convert (strongly typed FP16): beside the engine, named after it, so
    /// the printed command reads a file that travels with the engine's folder rather than this host's temp folder.
    /// </summary>
    private static string DryRunCopy(string output) =>
        Path.Combine(Path.GetDirectoryName(output) ?? string.Empty, Path.GetFileNameWithoutExtension(output) + ".fp16.onnx");

    private static int BuildWithTrtexec(CliContext context, string modelPath, EngineCommandValues values, EngineCache cache)
    {
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
            TimingCachePath = values.TimingCache,
            OnOutputLine = context.Verbose ? context.Error.WriteLine : null,
        };
        if (values.DryRun)
        {
            var (plan, command) = TrtexecEngineBuilder.DryRun(request);
            context.Out.Write(values.Json ? EngineDryRunReport.ToJson(plan, command, modelPath) + Environment.NewLine : EngineDryRunReport.ToText(plan, command, values.Trtexec));
            return ExitCodes.Success;
        }

        var built = builder.Build(request);
        context.Out.Write(values.Json ? EngineBuildReport.ToJson(built) + Environment.NewLine : EngineBuildReport.ToText(built));
        return ExitCodes.Success;
    }

    private static int BuildWithOrt(CliContext context, string modelPath, EngineCommandValues values, EngineCache cache)
    {
        if (values.DryRun)
        {
            var model = ModelReader.Load(modelPath);
            var plan = EnginePlanner.Plan(values.Target, values.Options, ModelFacts.Inspect(model), model);
            var providerOptions = TensorRtProviderOptionsBuilder.Build(plan, Path.GetFullPath(cache.OrtDirectory(values.Target)));
            context.Out.Write(values.Json ? EngineDryRunReport.ToJson(plan, providerOptions, modelPath) + Environment.NewLine : EngineDryRunReport.ToText(plan, providerOptions));
            return ExitCodes.Success;
        }

        var built = OrtTensorRtEngineBuilder.Build(new OrtEngineBuildRequest
        {
            ModelPath = modelPath,
            OutputPath = values.Output,
            Target = values.Target,
            Options = values.Options,
            CacheDirectory = cache.OrtDirectory(values.Target),
        });
        context.Out.WriteLine($"engine: {built.EnginePath} (built by ONNX Runtime's TensorRT provider for {values.Target.Name}, precision {built.Plan.Precision.CliName()})");
        foreach (string note in built.Plan.Notes)
        {
            context.Out.WriteLine($"note: {note}");
        }

        return ExitCodes.Success;
    }
}
