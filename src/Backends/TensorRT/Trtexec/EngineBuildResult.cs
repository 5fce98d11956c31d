using OnnxOpt.Backends.TensorRT.Engine;

namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>
/// The outcome of a build: the engine written, whether it came from the cache, the command that built it
/// (then or now), trtexec's measurements from that build, and the plan's notes.
/// </summary>
public sealed record EngineBuildResult(
    string EnginePath,
    bool FromCache,
    string CacheKey,
    string DeviceName,
    string TensorRtVersion,
    EnginePlan Plan,
    IReadOnlyList<string> Command,
    TrtexecSummary? Summary)
{
    /// <summary>The command as another host can run it (paths as given, no host cache paths); null when not computed.</summary>
    public IReadOnlyList<string>? PortableCommand { get; init; }
}
