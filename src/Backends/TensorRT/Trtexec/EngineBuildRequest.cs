using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>One engine build: the model, where the engine goes, the target and options, and how to reach trtexec.</summary>
public sealed record EngineBuildRequest
{
    public required string ModelPath { get; init; }

    public required string OutputPath { get; init; }

    public required TargetProfile Target { get; init; }

    public EngineOptions Options { get; init; } = new();

    /// <summary>The trtexec executable: a path, or a name looked up on PATH.</summary>
    public string Trtexec { get; init; } = "trtexec";

    /// <summary>The device name for the cache key; null asks nvidia-smi, then the target profile.</summary>
    public string? DeviceName { get; init; }

    /// <summary>The TensorRT version for the cache key; null uses the target profile's.</summary>
    public string? TensorRtVersion { get; init; }

    /// <summary>
    /// A timing cache file the user named: passed to trtexec as <c>--timingCacheFile</c> and shown in the printed
    /// command. Null: a build keeps its own per target and device in the engine cache (when
    /// <see cref="EngineOptions.TimingCache"/>), which the printed command leaves out, since that path is this host's.
    /// </summary>
    public string? TimingCachePath { get; init; }

    /// <summary>Reuse a cached engine built with the same key (and store new ones).</summary>
    public bool UseCache { get; init; } = true;

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Receives trtexec's output lines as they come (for --verbose).</summary>
    public Action<string>? OnOutputLine { get; init; }
}
