using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT.Trtexec;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>The exact trtexec command lines per target and option.</summary>
public sealed class TrtexecCommandTests
{
    private static readonly Model Dense = TestModels.ConvRelu();
    private static readonly Model Sparse = TestModels.ConvRelu(sparse24: true);

    [Fact]
    public void Nano_fp16_uses_the_pre_8_4_workspace_flag()
    {
        var args = Command(TargetProfiles.JetsonNano, new EngineOptions { WorkspaceMiB = 1024 }, Dense);
        Assert.Equal(["--onnx=m.onnx", "--saveEngine=m.engine", "--fp16", "--workspace=1024", "--timingCacheFile=t.cache"], args);
    }

    [Fact]
    public void Xavier_int8_on_dla_passes_both_precisions_the_core_and_gpu_fallback()
    {
        var args = Command(TargetProfiles.JetsonXavier, new EngineOptions { Precision = Precision.Int8, DlaCore = 1, WorkspaceMiB = 2048 }, Dense);
        Assert.Equal(["--onnx=m.onnx", "--saveEngine=m.engine", "--fp16", "--int8", "--useDLACore=1", "--allowGPUFallback", "--memPoolSize=workspace:2048", "--timingCacheFile=t.cache"], args);
    }

    [Fact]
    public void Orin_enables_sparsity_only_for_a_2_4_pruned_model()
    {
        Assert.Contains("--sparsity=enable", Command(TargetProfiles.JetsonOrin, new EngineOptions(), Sparse));
        Assert.DoesNotContain("--sparsity=enable", Command(TargetProfiles.JetsonOrin, new EngineOptions(), Dense));
        Assert.Contains("--sparsity=enable", Command(TargetProfiles.JetsonOrin, new EngineOptions { Sparsity = SparsityMode.Enable }, Dense));
        Assert.DoesNotContain("--sparsity=enable", Command(TargetProfiles.JetsonOrin, new EngineOptions { Sparsity = SparsityMode.Disable }, Sparse));
    }

    [Fact]
    public void Targets_without_sparse_tensor_cores_skip_sparsity_and_say_why()
    {
        var plan = EnginePlanner.Plan(TargetProfiles.JetsonXavier, new EngineOptions(), ModelFacts.Inspect(Sparse));
        Assert.False(plan.Sparsity);
        Assert.Contains(plan.Notes, n => n.Contains("no sparse tensor cores", StringComparison.Ordinal));
    }

    [Fact]
    public void Fp32_passes_no_precision_flag_and_orin_takes_an_optimisation_level()
    {
        var args = Command(TargetProfiles.JetsonOrin, new EngineOptions { Precision = Precision.Fp32, BuilderOptimizationLevel = 5, TimingCache = false }, Dense, timingCache: null);
        Assert.Equal(["--onnx=m.onnx", "--saveEngine=m.engine", "--builderOptimizationLevel=5"], args);
    }

    [Fact]
    public void Nano_ignores_the_optimisation_level_with_a_note()
    {
        var plan = EnginePlanner.Plan(TargetProfiles.JetsonNano, new EngineOptions { BuilderOptimizationLevel = 3 }, ModelFacts.Inspect(Dense));
        Assert.Null(plan.BuilderOptimizationLevel);
        Assert.Contains(plan.Notes, n => n.Contains("no builder optimisation levels", StringComparison.Ordinal));
    }

    [Fact]
    public void Trt11_passes_no_precision_flags_for_a_float16_model()
    {
        var model = TestModels.ConvRelu(floatType: DataType.Float16);
        var args = Command(TargetProfiles.TensorRt11, new EngineOptions { WorkspaceMiB = 4096 }, model);
        Assert.Equal(["--onnx=m.onnx", "--saveEngine=m.engine", "--memPoolSize=workspace:4096", "--timingCacheFile=t.cache"], args);
    }

    [Fact]
    public void Trt11_fp16_from_a_float32_model_requires_convert_fp16_first()
    {
        var facts = ModelFacts.Inspect(Dense);
        Assert.Equal("convert-fp16,fold-casts", EnginePlanner.RequiredConversion(TargetProfiles.TensorRt11, Precision.Fp16, facts));
        Assert.Null(EnginePlanner.RequiredConversion(TargetProfiles.TensorRt10, Precision.Fp16, facts));
        var error = Assert.Throws<EngineBuildException>(() => EnginePlanner.Plan(TargetProfiles.TensorRt11, new EngineOptions(), facts));
        Assert.Contains("convert-fp16", error.Message);
    }

    [Fact]
    public void Trt11_int8_needs_qdq_nodes()
    {
        var error = Assert.Throws<EngineBuildException>(() => EnginePlanner.Plan(TargetProfiles.TensorRt11, new EngineOptions { Precision = Precision.Int8 }, ModelFacts.Inspect(Dense)));
        Assert.Contains("no --int8", error.Message);
    }

    [Fact]
    public void Dynamic_inputs_get_min_opt_max_shapes()
    {
        var model = TestModels.ConvRelu(dynamicBatch: true);
        var shapes = ShapeProfile.Parse("x:1x8x6x6", "x:4x8x6x6", "x:8x8x6x6");
        var args = Command(TargetProfiles.TensorRt10, new EngineOptions { Shapes = shapes, TimingCache = false }, model, timingCache: null);
        Assert.Equal(["--onnx=m.onnx", "--saveEngine=m.engine", "--fp16", "--minShapes=x:1x8x6x6", "--optShapes=x:4x8x6x6", "--maxShapes=x:8x8x6x6"], args);
    }

    [Fact]
    public void Dynamic_inputs_without_shapes_are_refused()
    {
        var model = TestModels.ConvRelu(dynamicBatch: true);
        var error = Assert.Throws<EngineBuildException>(() => EnginePlanner.Plan(TargetProfiles.TensorRt10, new EngineOptions(), ModelFacts.Inspect(model), model));
        Assert.Contains("'x' has dynamic dims", error.Message);
    }

    [Fact]
    public void A_profile_that_contradicts_a_fixed_dim_is_refused()
    {
        var model = TestModels.ConvRelu(dynamicBatch: true);
        var shapes = ShapeProfile.Parse("x:1x8x6x6", "x:1x8x6x6", "x:1x8x12x12");
        var error = Assert.Throws<EngineBuildException>(() => EnginePlanner.Plan(TargetProfiles.TensorRt10, new EngineOptions { Shapes = shapes }, ModelFacts.Inspect(model), model));
        Assert.Contains("axis 2 is fixed at 6", error.Message);
    }

    [Theory]
    [InlineData("jetson-nano", 0, Precision.Fp16, "has no DLA cores")]
    [InlineData("jetson-xavier", 2, Precision.Fp16, "DLA cores 0..1")]
    [InlineData("jetson-orin", 0, Precision.Fp32, "FP16 or INT8 only")]
    [InlineData("trt10", 0, Precision.Fp16, "has no DLA cores")]
    public void Impossible_dla_requests_are_refused(string target, int core, Precision precision, string expected)
    {
        var error = Assert.Throws<EngineBuildException>(() =>
            EnginePlanner.Plan(TargetProfiles.Get(target), new EngineOptions { DlaCore = core, Precision = precision }, ModelFacts.Inspect(Dense)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Int8_on_the_nano_notes_that_maxwell_has_no_fast_int8()
    {
        var plan = EnginePlanner.Plan(TargetProfiles.JetsonNano, new EngineOptions { Precision = Precision.Int8 }, ModelFacts.Inspect(Dense));
        Assert.True(plan.Int8Flag);
        Assert.Contains(plan.Notes, n => n.Contains("no fast INT8", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("placeholder INT8 scales", StringComparison.Ordinal));
    }

    [Fact]
    public void Int8_from_a_qdq_model_says_the_scales_come_from_its_qdq_nodes_on_every_tensorrt()
    {
        var qdq = QdqCheckTests.Quantized(OnnxOpt.Passes.Transforms.Quantization.QuantTarget.TensorRt);
        var facts = ModelFacts.Inspect(qdq);

        var trt10 = EnginePlanner.Plan(TargetProfiles.TensorRt10, new EngineOptions { Precision = Precision.Int8 }, facts, qdq);
        Assert.True(trt10.Int8Flag);
        Assert.Contains(trt10.Notes, n => n.Contains("explicit quantization", StringComparison.Ordinal));
        Assert.DoesNotContain(trt10.Notes, n => n.Contains("placeholder INT8 scales", StringComparison.Ordinal));
        Assert.Contains("--int8", TrtexecCommandBuilder.Build(trt10, "m.onnx", "m.engine", null).Arguments);

        var trt11 = EnginePlanner.Plan(TargetProfiles.TensorRt11, new EngineOptions { Precision = Precision.Int8 }, facts, qdq);
        Assert.False(trt11.Int8Flag);
        Assert.Contains(trt11.Notes, n => n.Contains("strongly typed TensorRT", StringComparison.Ordinal) && n.Contains("QuantizeLinear", StringComparison.Ordinal));
        Assert.DoesNotContain("--int8", TrtexecCommandBuilder.Build(trt11, "m.onnx", "m.engine", null).Arguments);

        var error = Assert.Throws<EngineBuildException>(() => EnginePlanner.Plan(TargetProfiles.TensorRt11, new EngineOptions { Precision = Precision.Int8 }, ModelFacts.Inspect(Dense)));
        Assert.Contains("int8-tensorrt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_options_are_appended_last()
    {
        var plan = EnginePlanner.Plan(TargetProfiles.TensorRt10, new EngineOptions(), ModelFacts.Inspect(Dense));
        var command = TrtexecCommandBuilder.Build(plan, "m.onnx", "m.engine", null, new EngineOptions { Iterations = 200, WarmUpMs = 500, DurationSeconds = 10 });
        Assert.Equal(["--iterations=200", "--warmUp=500", "--duration=10"], command.Arguments.TakeLast(3));
        Assert.Equal("trtexec --onnx=m.onnx --saveEngine=m.engine --fp16 --iterations=200 --warmUp=500 --duration=10", command.ToCommandLine());
    }

    [Fact]
    public void Command_lines_quote_arguments_with_spaces()
    {
        var command = new TrtexecCommand(["--onnx=my model.onnx", "--fp16"]);
        Assert.Equal("/opt/trt/trtexec '--onnx=my model.onnx' --fp16", command.ToCommandLine("/opt/trt/trtexec"));
    }

    private static IReadOnlyList<string> Command(TargetProfile target, EngineOptions options, Model model, string? timingCache = "t.cache")
    {
        var plan = EnginePlanner.Plan(target, options, ModelFacts.Inspect(model), model);
        return TrtexecCommandBuilder.Build(plan, "m.onnx", "m.engine", timingCache).Arguments;
    }
}
