using System.Globalization;
using OnnxOpt.Backends.TensorRT.Engine;

namespace OnnxOpt.Backends.TensorRT.Ort;

/// <summary>
/// Maps an <see cref="EnginePlan"/> onto ONNX Runtime's TensorRT execution provider options (ORT 1.31 names):
/// precision, engine and timing caches, workspace, DLA, builder optimisation level, sparsity, profile shapes and
/// the EP-context model that embeds the built engine. ONNX Runtime 1.31's provider is linked against TensorRT 10
/// (libnvinfer.so.10), so a TensorRT 11 target cannot use this driver.
/// </summary>
public static class TensorRtProviderOptionsBuilder
{
    public static Dictionary<string, string> Build(EnginePlan plan, string engineCacheDirectory, string? epContextModelPath = null)
    {
        var target = plan.Target;
        if (target.TensorRt.Major >= 11)
        {
            throw new EngineBuildException($"ONNX Runtime 1.31's TensorRT provider is built for TensorRT 10, not {target.TensorRtText}; use the trtexec driver for {target.Name}");
        }

        var c = CultureInfo.InvariantCulture;
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["trt_fp16_enable"] = Flag(plan.Fp16Flag),
            ["trt_int8_enable"] = Flag(plan.Int8Flag),
            ["trt_engine_cache_enable"] = "1",
            ["trt_engine_cache_path"] = engineCacheDirectory,
            ["trt_timing_cache_enable"] = "1",
            ["trt_timing_cache_path"] = engineCacheDirectory,
            ["trt_sparsity_enable"] = Flag(plan.Sparsity),
        };
        if (plan.WorkspaceMiB is int mib)
        {
            options["trt_max_workspace_size"] = (mib * 1024L * 1024L).ToString(c);
        }

        if (plan.DlaCore is int core)
        {
            options["trt_dla_enable"] = "1";
            options["trt_dla_core"] = core.ToString(c);
        }

        if (plan.BuilderOptimizationLevel is int level)
        {
            options["trt_builder_optimization_level"] = level.ToString(c);
        }

        if (plan.Shapes is { } shapes)
        {
            options["trt_profile_min_shapes"] = shapes.MinText;
            options["trt_profile_opt_shapes"] = shapes.OptText;
            options["trt_profile_max_shapes"] = shapes.MaxText;
        }

        if (epContextModelPath is not null)
        {
            options["trt_dump_ep_context_model"] = "1";
            options["trt_ep_context_file_path"] = epContextModelPath;
            options["trt_ep_context_embed_mode"] = "1";
        }

        return options;
    }

    private static string Flag(bool on) => on ? "1" : "0";
}
