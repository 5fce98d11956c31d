using OnnxOpt.Backends.TensorRT.Trtexec;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>What the cache stores beside an engine (build.json): how it was built and what trtexec measured then.</summary>
public sealed record EngineCacheRecord(
    string Key,
    string ModelSha256,
    string Target,
    string TensorRtVersion,
    string DeviceName,
    string Options,
    string Driver,
    IReadOnlyList<string> Command,
    TrtexecSummary? Summary,
    DateTimeOffset CreatedUtc);
