using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>What the user asks of an engine build, before the target's facts decide the exact flags.</summary>
public sealed record EngineOptions
{
    /// <summary>FP16 by default, the paper's setting.</summary>
    public Precision Precision { get; init; } = Precision.Fp16;

    /// <summary>Builder workspace limit in MiB; null leaves TensorRT's default (all device memory from 8.4 on).</summary>
    public int? WorkspaceMiB { get; init; }

    /// <summary>The DLA core to build for (GPU fallback allowed); null builds for the GPU.</summary>
    public int? DlaCore { get; init; }

    public SparsityMode Sparsity { get; init; } = SparsityMode.Auto;

    /// <summary>Optimization profile; required when the model has dynamic inputs.</summary>
    public ShapeProfile? Shapes { get; init; }

    /// <summary>Keep a timing cache per target and device so later builds skip kernel timing.</summary>
    public bool TimingCache { get; init; } = true;

    /// <summary>Builder optimisation level 0-5 (TensorRT 8.6 and later; ignored with a note on older targets).</summary>
    public int? BuilderOptimizationLevel { get; init; }

    /// <summary>trtexec's benchmark after the build: minimum iterations, warm-up in ms, minimum duration in s.</summary>
    public int? Iterations { get; init; }

    public int? WarmUpMs { get; init; }

    public int? DurationSeconds { get; init; }
}
