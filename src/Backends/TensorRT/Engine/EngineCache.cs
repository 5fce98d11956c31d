using System.Text.Json;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// Engines and timing caches on disk. An engine lives in ROOT/ab/KEY/model.engine with build.json beside it;
/// entries appear by renaming a finished staging folder, so a crashed build never leaves a half entry. Timing
/// caches are shared by every model for one target, TensorRT version and device: ROOT/timing/NAME.cache.
/// </summary>
public sealed class EngineCache
{
    public EngineCache(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    /// <summary>$ONNXOPT_CACHE, else $XDG_CACHE_HOME/onnxopt, else ~/.cache/onnxopt; engines go in its engines folder.</summary>
    public static EngineCache Default()
    {
        string? explicitRoot = Environment.GetEnvironmentVariable("ONNXOPT_CACHE");
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string baseDir = !string.IsNullOrEmpty(explicitRoot) ? explicitRoot
            : !string.IsNullOrEmpty(xdg) ? Path.Combine(xdg, "onnxopt")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "onnxopt");
        return new EngineCache(Path.Combine(baseDir, "engines"));
    }

    /// <summary>The engine and timing cache folder of ONNX Runtime's TensorRT provider for one target.</summary>
    public string OrtDirectory(TargetProfile target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Path.Combine(Root, "ort", target.Name);
    }

    public string EntryDirectory(string key) => Path.Combine(Root, key[..2], key);

    public string EnginePath(string key) => Path.Combine(EntryDirectory(key), "model.engine");

    public string RecordPath(string key) => Path.Combine(EntryDirectory(key), "build.json");

    public string TimingCachePath(string target, string tensorRtVersion, string deviceName) =>
        Path.Combine(Root, "timing", $"{Safe(target)}_trt{Safe(tensorRtVersion)}_{Safe(deviceName)}.cache");

    /// <summary>The cached build for <paramref name="key"/>, when its engine and record are both there.</summary>
    public EngineCacheRecord? TryGet(string key)
    {
        if (!File.Exists(EnginePath(key)) || !File.Exists(RecordPath(key)))
        {
            return null;
        }

        try
        {
            return TensorRtJson.DeserializeRecord(File.ReadAllText(RecordPath(key)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A fresh folder to build in; <see cref="Commit"/> turns it into the entry.</summary>
    public string CreateStaging(string key)
    {
        string staging = Path.Combine(Root, "staging", $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Moves a staging folder holding model.engine into place with the record; an entry another build finished first wins.</summary>
    public void Commit(string staging, EngineCacheRecord record)
    {
        AtomicFile.Write(Path.Combine(staging, "build.json"), s => TensorRtJson.SerializeRecord(s, record));
        string entry = EntryDirectory(record.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        if (Directory.Exists(entry))
        {
            Directory.Delete(entry, recursive: true);
        }

        Directory.Move(staging, entry);
    }

    public static void DiscardStaging(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string Safe(string text) =>
        new(text.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray());
}
