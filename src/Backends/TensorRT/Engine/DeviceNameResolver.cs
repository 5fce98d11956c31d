using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT.Trtexec;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// The device name that goes into the engine cache key: the one given, else what nvidia-smi reports for GPU 0,
/// else the target's fixed module name (Jetsons have no nvidia-smi before JetPack 6), else "unknown".
/// </summary>
public static class DeviceNameResolver
{
    public static string Resolve(string? given, TargetProfile target, Func<string?>? probe = null)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given.Trim();
        }

        string? probed = (probe ?? QueryNvidiaSmi)();
        if (!string.IsNullOrWhiteSpace(probed))
        {
            return probed.Trim();
        }

        return target.DeviceName ?? "unknown";
    }

    /// <summary>The first GPU's name from nvidia-smi, or null when there is no nvidia-smi or it fails.</summary>
    public static string? QueryNvidiaSmi()
    {
        if (ProcessRunner.Locate("nvidia-smi") is not { } smi)
        {
            return null;
        }

        try
        {
            var result = ProcessRunner.Run(smi, ["--query-gpu=name", "--format=csv,noheader"], TimeSpan.FromSeconds(20));
            return result.ExitCode == 0 ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() : null;
        }
        catch (EngineBuildException)
        {
            return null;
        }
    }
}
