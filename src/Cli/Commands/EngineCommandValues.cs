using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;

namespace OnnxOpt.Cli.Commands;

/// <summary>The parsed and checked options of one <c>onnxopt engine</c> run.</summary>
public sealed record EngineCommandValues(
    TargetProfile Target,
    string Output,
    EngineDriver Driver,
    string Trtexec,
    EngineOptions Options,
    string? Device,
    string? CacheDirectory,
    string? TimingCache,
    bool NoCache,
    bool Force,
    bool DryRun,
    bool Json);
