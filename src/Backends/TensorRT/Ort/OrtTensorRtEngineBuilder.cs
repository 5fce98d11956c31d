using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Backends.TensorRT.Ort;

/// <summary>
/// Builds an engine through ONNX Runtime's TensorRT provider: opens a session that requires the provider
/// (no fallback: a CPU session would build nothing), runs it once at the profile's opt shapes so that
/// dynamic-shape engines are built too, then copies the newest engine from the provider's cache folder.
/// Where the provider's libraries are missing this fails with ONNX Runtime's reason in one line.
/// </summary>
public static class OrtTensorRtEngineBuilder
{
    public static OrtEngineBuildResult Build(OrtEngineBuildRequest request)
    {
        string modelPath = Path.GetFullPath(request.ModelPath);
        var model = ModelReader.Load(modelPath);
        var plan = EnginePlanner.Plan(request.Target, request.Options, ModelFacts.Inspect(model), model);
        string cacheDirectory = Path.GetFullPath(request.CacheDirectory ?? EngineCache.Default().OrtDirectory(request.Target));
        Directory.CreateDirectory(cacheDirectory);
        var options = TensorRtProviderOptionsBuilder.Build(plan, cacheDirectory, request.EpContextModelPath is null ? null : Path.GetFullPath(request.EpContextModelPath));
        var providers = new ProviderRequest { Provider = ExecutionProviderKind.TensorRt, RequireProvider = true, DeviceId = request.DeviceId, TensorRtOptions = options };

        var started = DateTime.UtcNow;
        try
        {
            using var runner = new OrtRunner(modelPath, OrtRunOptions.Default, providers);
            runner.Run(OptShapeInputs(plan).Generate(model));
        }
        catch (OrtExecutionException e)
        {
            throw new EngineBuildException(e.Message, e);
        }

        var engine = new DirectoryInfo(cacheDirectory).GetFiles("*.engine").Where(f => f.LastWriteTimeUtc >= started.AddSeconds(-2)).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            ?? throw new EngineBuildException($"the TensorRT provider ran but left no engine in {cacheDirectory} (were all nodes assigned to it?)");
        AtomicFile.Write(request.OutputPath, target =>
        {
            using var input = engine.OpenRead();
            input.CopyTo(target);
        });
        return new OrtEngineBuildResult(Path.GetFullPath(request.OutputPath), request.EpContextModelPath, plan, options);
    }

    // Sizes every dynamic axis at the profile's opt shape, so the provider builds its engine for that shape.
    private static InputGenerator OptShapeInputs(EnginePlan plan)
    {
        var dims = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var range in plan.Shapes?.Inputs ?? [])
        {
            for (int axis = 0; axis < range.Opt.Count; axis++)
            {
                dims[$"{range.Input}:{axis}"] = range.Opt[axis];
            }
        }

        return new InputGenerator { Dims = dims };
    }
}
