using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Ort;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>The ONNX Runtime TensorRT provider driver: option mapping, and its one-line failure where the provider's libraries are missing.</summary>
public sealed class OrtTensorRtDriverTests
{
    [Fact]
    public void Provider_options_follow_the_plan()
    {
        var model = TestModels.ConvRelu(sparse24: true, dynamicBatch: true);
        var options = new EngineOptions
        {
            Precision = Precision.Int8,
            DlaCore = 1,
            WorkspaceMiB = 512,
            BuilderOptimizationLevel = 4,
            Shapes = ShapeProfile.Parse("x:1x8x6x6", "x:2x8x6x6", "x:4x8x6x6"),
        };
        var plan = EnginePlanner.Plan(TargetProfiles.JetsonOrin, options, ModelFacts.Inspect(model), model);

        var map = TensorRtProviderOptionsBuilder.Build(plan, "/cache", "/out/model_ctx.onnx");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["trt_fp16_enable"] = "1",
                ["trt_int8_enable"] = "1",
                ["trt_engine_cache_enable"] = "1",
                ["trt_engine_cache_path"] = "/cache",
                ["trt_timing_cache_enable"] = "1",
                ["trt_timing_cache_path"] = "/cache",
                ["trt_sparsity_enable"] = "1",
                ["trt_max_workspace_size"] = "536870912",
                ["trt_dla_enable"] = "1",
                ["trt_dla_core"] = "1",
                ["trt_builder_optimization_level"] = "4",
                ["trt_profile_min_shapes"] = "x:1x8x6x6",
                ["trt_profile_opt_shapes"] = "x:2x8x6x6",
                ["trt_profile_max_shapes"] = "x:4x8x6x6",
                ["trt_dump_ep_context_model"] = "1",
                ["trt_ep_context_file_path"] = "/out/model_ctx.onnx",
                ["trt_ep_context_embed_mode"] = "1",
            },
            map);
    }

    [Fact]
    public void Fp32_without_extras_sets_only_precision_and_caches()
    {
        var model = TestModels.ConvRelu();
        var plan = EnginePlanner.Plan(TargetProfiles.JetsonXavier, new EngineOptions { Precision = Precision.Fp32 }, ModelFacts.Inspect(model));
        var map = TensorRtProviderOptionsBuilder.Build(plan, "/c");
        Assert.Equal(["trt_engine_cache_enable", "trt_engine_cache_path", "trt_fp16_enable", "trt_int8_enable", "trt_sparsity_enable", "trt_timing_cache_enable", "trt_timing_cache_path"], map.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("0", map["trt_fp16_enable"]);
    }

    [Fact]
    public void Tensorrt_11_targets_are_refused_because_the_provider_links_tensorrt_10()
    {
        var model = TestModels.ConvRelu(floatType: DataType.Float16);
        var plan = EnginePlanner.Plan(TargetProfiles.TensorRt11, new EngineOptions(), ModelFacts.Inspect(model));
        var error = Assert.Throws<EngineBuildException>(() => TensorRtProviderOptionsBuilder.Build(plan, "/c"));
        Assert.Contains("use the trtexec driver", error.Message);
    }

    [SkippableFact]
    public void Without_the_provider_libraries_the_build_fails_in_one_line_naming_the_missing_library()
    {
        string? missing = ProviderLibraryProbe.WhyNotLoadable(ExecutionProviderKind.TensorRt);
        Skip.If(missing is null, "the TensorRT provider loads on this machine");
        using var temp = new TempDirectory();
        string model = temp.File("m.onnx");
        ModelWriter.Save(TestModels.ConvRelu(), model);

        var error = Assert.Throws<EngineBuildException>(() => OrtTensorRtEngineBuilder.Build(new OrtEngineBuildRequest
        {
            ModelPath = model,
            OutputPath = temp.File("m.engine"),
            Target = TargetProfiles.TensorRt10,
            CacheDirectory = temp.File("cache"),
        }));

        Assert.Equal($"the TensorRT execution provider is unavailable ({missing})", error.Message);
        Assert.False(File.Exists(temp.File("m.engine")));
    }
}
