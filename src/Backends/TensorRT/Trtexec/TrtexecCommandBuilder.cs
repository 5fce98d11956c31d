using System.Globalization;
using OnnxOpt.Backends.TensorRT.Engine;

namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>
/// Builds the exact trtexec command line for an <see cref="EnginePlan"/>. Version differences: the workspace is
/// --workspace=N before TensorRT 8.4 and --memPoolSize=workspace:N (MiB) after; TensorRT 11 has no --fp16/--int8;
/// DLA builds add --allowGPUFallback so layers the DLA lacks run on the GPU.
/// </summary>
public static class TrtexecCommandBuilder
{
    public static TrtexecCommand Build(EnginePlan plan, string onnxPath, string enginePath, string? timingCachePath, EngineOptions? benchmark = null)
    {
        var c = CultureInfo.InvariantCulture;
        var args = new List<string> { $"--onnx={onnxPath}", $"--saveEngine={enginePath}" };
        if (plan.Fp16Flag)
        {
            args.Add("--fp16");
        }

        if (plan.Int8Flag)
        {
            args.Add("--int8");
        }

        if (plan.Sparsity)
        {
            args.Add("--sparsity=enable");
        }

        if (plan.DlaCore is int core)
        {
            args.Add($"--useDLACore={core.ToString(c)}");
            args.Add("--allowGPUFallback");
        }

        if (plan.WorkspaceMiB is int mib)
        {
            args.Add(plan.Target.UsesMemPoolSize ? $"--memPoolSize=workspace:{mib.ToString(c)}" : $"--workspace={mib.ToString(c)}");
        }

        if (timingCachePath is not null)
        {
            args.Add($"--timingCacheFile={timingCachePath}");
        }

        if (plan.Shapes is { } shapes)
        {
            args.Add($"--minShapes={shapes.MinText}");
            args.Add($"--optShapes={shapes.OptText}");
            args.Add($"--maxShapes={shapes.MaxText}");
        }

        if (plan.BuilderOptimizationLevel is int level)
        {
            args.Add($"--builderOptimizationLevel={level.ToString(c)}");
        }

        if (benchmark?.Iterations is int iterations)
        {
            args.Add($"--iterations={iterations.ToString(c)}");
        }

        if (benchmark?.WarmUpMs is int warmUp)
        {
            args.Add($"--warmUp={warmUp.ToString(c)}");
        }

        if (benchmark?.DurationSeconds is int duration)
        {
            args.Add($"--duration={duration.ToString(c)}");
        }

        return new TrtexecCommand(args);
    }
}
