using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// Turns <see cref="EngineOptions"/> into an <see cref="EnginePlan"/> for a target and model, refusing what
/// the target cannot do (DLA where there is none, FP32 on DLA, FP16 from a float32 model on strongly typed
/// TensorRT 11) and noting what it quietly changes (no sparse tensor cores, no fast INT8).
/// </summary>
public static class EnginePlanner
{
    /// <summary>
    /// The pipeline the model must go through before a build at <paramref name="precision"/> on
    /// <paramref name="target"/>: <see cref="FixPipelines.Fp16Conversion"/> for FP16 on strongly typed TensorRT
    /// from a float32 model; null otherwise.
    /// </summary>
    public static string? RequiredConversion(TargetProfile target, Precision precision, ModelFacts facts) =>
        target.StronglyTyped && precision == Precision.Fp16 && facts.FloatType == DataType.Float ? FixPipelines.Fp16Conversion : null;

    public static EnginePlan Plan(TargetProfile target, EngineOptions options, ModelFacts facts, Model? model = null)
    {
        var notes = new List<string>();
        var precision = options.Precision;
        CheckPrecision(target, precision, facts, notes);
        int? dla = CheckDla(target, options, precision);
        CheckShapes(options, facts, model);
        bool sparsity = ResolveSparsity(target, options.Sparsity, facts, notes);

        if (options.WorkspaceMiB is <= 0)
        {
            throw new EngineBuildException($"the workspace must be a positive number of MiB, not {options.WorkspaceMiB}");
        }

        int? level = options.BuilderOptimizationLevel;
        if (level is < 0 or > 5)
        {
            throw new EngineBuildException($"the builder optimisation level must be 0 to 5, not {level}");
        }

        if (level is not null && !target.HasBuilderOptimizationLevel)
        {
            notes.Add($"TensorRT {target.TensorRtText} has no builder optimisation levels; the level is ignored");
            level = null;
        }

        bool fp16Flag = !target.StronglyTyped && precision is Precision.Fp16 or Precision.Int8;
        bool int8Flag = !target.StronglyTyped && precision == Precision.Int8;
        return new EnginePlan(target, precision, fp16Flag, int8Flag, sparsity, dla, options.WorkspaceMiB, options.Shapes, level, notes);
    }

    private static void CheckPrecision(TargetProfile target, Precision precision, ModelFacts facts, List<string> notes)
    {
        if (target.StronglyTyped)
        {
            if (RequiredConversion(target, precision, facts) is { } pipeline)
            {
                throw new EngineBuildException($"TensorRT {target.TensorRtText} is strongly typed and the model is float32: run {pipeline} on it before building an FP16 engine");
            }

            if (precision == Precision.Int8 && !facts.HasQdq)
            {
                throw new EngineBuildException($"TensorRT {target.TensorRtText} has no --int8: an INT8 engine needs a model with QuantizeLinear/DequantizeLinear nodes (run the int8-tensorrt preset with --calibration-data first)");
            }

            if (precision == Precision.Int8)
            {
                notes.Add($"INT8 comes from the model's QuantizeLinear/DequantizeLinear nodes (explicit quantization), the only INT8 path of strongly typed TensorRT {target.TensorRtText}");
            }

            if (precision == Precision.Fp32 && facts.FloatType == DataType.Float16)
            {
                notes.Add($"the model is float16 and TensorRT {target.TensorRtText} is strongly typed, so the engine computes in FP16");
            }

            notes.Add($"TensorRT {target.TensorRtText} is strongly typed: no precision flags are passed; the model's types decide");
            return;
        }

        if (precision == Precision.Int8)
        {
            notes.Add("--fp16 is passed with --int8 so that layers without INT8 kernels run in FP16 rather than FP32");
            notes.Add(facts.HasQdq
                ? "INT8 scales come from the model's QuantizeLinear/DequantizeLinear nodes (explicit quantization); --int8 lets TensorRT run them"
                : "the model has no Q/DQ nodes and no calibration cache is given: trtexec uses placeholder INT8 scales, so the engine's speed is indicative but its accuracy is not; quantize it first (int8-tensorrt preset with --calibration-data)");

            if (!target.FastInt8)
            {
                notes.Add($"{target.GpuArchitecture} has no fast INT8 instructions: expect no speed-up over FP16 on {target.Name}");
            }
        }
    }

    private static int? CheckDla(TargetProfile target, EngineOptions options, Precision precision)
    {
        if (options.DlaCore is not int core)
        {
            return null;
        }

        if (target.DlaCores == 0)
        {
            throw new EngineBuildException($"{target.Name} has no DLA cores");
        }

        if (core < 0 || core >= target.DlaCores)
        {
            throw new EngineBuildException($"{target.Name} has DLA cores 0..{target.DlaCores - 1}, not {core}");
        }

        if (precision == Precision.Fp32)
        {
            throw new EngineBuildException("the DLA runs FP16 or INT8 only; build with --precision fp16 or int8");
        }

        return core;
    }

    private static void CheckShapes(EngineOptions options, ModelFacts facts, Model? model)
    {
        var missing = facts.DynamicInputs.Where(i => options.Shapes?.Find(i) is null).ToList();
        if (missing.Count > 0)
        {
            throw new EngineBuildException($"input{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(m => $"'{m}'"))} {(missing.Count > 1 ? "have" : "has")} dynamic dims: give min/opt/max shapes for the optimization profile");
        }

        if (model is not null && options.Shapes?.Validate(model) is { Count: > 0 } problems)
        {
            throw new EngineBuildException($"shape profile: {problems[0]}");
        }
    }

    private static bool ResolveSparsity(TargetProfile target, SparsityMode mode, ModelFacts facts, List<string> notes)
    {
        bool wanted = mode == SparsityMode.Enable || (mode == SparsityMode.Auto && facts.Sparsity.Is24Pruned);
        if (wanted && !target.SparseTensorCores)
        {
            notes.Add($"{target.GpuArchitecture} has no sparse tensor cores: 2:4 sparsity gives no speed-up on {target.Name}, so sparse kernels are not requested");
            return false;
        }

        if (mode == SparsityMode.Auto && wanted)
        {
            notes.Add($"{facts.Sparsity.SparseTensors} of {facts.Sparsity.EligibleTensors} layer weights are 2:4 sparse: sparse kernels requested");
        }

        return wanted;
    }
}
