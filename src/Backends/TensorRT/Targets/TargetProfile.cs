using OnnxOpt.Backends.TensorRT.Parser;

namespace OnnxOpt.Backends.TensorRT.Targets;

/// <summary>
/// A named deployment target: the TensorRT release it ships, the facts about its GPU that decide which
/// build options help (FP16/INT8 rate, sparse tensor cores, DLA cores) and what its ONNX parser accepts.
/// Facts come from NVIDIA's JetPack/TensorRT release documentation and onnx-tensorrt's operator matrices;
/// none of them was measured here.
/// </summary>
public sealed record TargetProfile
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The JetPack release for Jetson targets; null for desktop/server TensorRT.</summary>
    public string? JetPack { get; init; }

    /// <summary>The TensorRT version this profile describes.</summary>
    public required Version TensorRt { get; init; }

    /// <summary>How the version is written for people and cache keys ("8.2.1", "10.x").</summary>
    public required string TensorRtText { get; init; }

    public string? Cuda { get; init; }

    public required string GpuArchitecture { get; init; }

    /// <summary>The device name TensorRT reports on this target, when it is fixed (Jetson modules); null otherwise.</summary>
    public string? DeviceName { get; init; }

    /// <summary>DLA cores on the largest module of the family (0: none).</summary>
    public int DlaCores { get; init; }

    /// <summary>A remark on which modules of the family have the DLA cores, when not all do.</summary>
    public string? DlaNote { get; init; }

    /// <summary>Whether the GPU has sparse tensor cores (Ampere and newer), so 2:4-pruned weights can run faster.</summary>
    public bool SparseTensorCores { get; init; }

    /// <summary>Whether the GPU runs FP16 faster than FP32.</summary>
    public bool FastFp16 { get; init; } = true;

    /// <summary>Whether the GPU runs INT8 faster than FP16 (false on Maxwell, which lacks INT8 dot-product instructions).</summary>
    public bool FastInt8 { get; init; } = true;

    /// <summary>TensorRT 11 builds only strongly typed networks: there are no --fp16/--int8 flags and the ONNX types decide precision.</summary>
    public bool StronglyTyped { get; init; }

    public required OnnxParserSupport Parser { get; init; }

    /// <summary>TensorRT before 8.4 sizes the builder workspace with --workspace; later releases use --memPoolSize.</summary>
    public bool UsesMemPoolSize => TensorRt >= new Version(8, 4);

    /// <summary>Builder optimisation levels (trtexec --builderOptimizationLevel) exist from TensorRT 8.6.</summary>
    public bool HasBuilderOptimizationLevel => TensorRt >= new Version(8, 6);

    public override string ToString() => $"{Name} (TensorRT {TensorRtText}{(JetPack is null ? string.Empty : $", JetPack {JetPack}")})";
}
