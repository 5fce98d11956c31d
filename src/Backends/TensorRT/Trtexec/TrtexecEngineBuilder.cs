using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>
/// Builds an engine with trtexec, as the paper's Jetson flow does: plans the flags for the target, looks the
/// build up in the engine cache (a hit copies the cached engine without starting trtexec), otherwise runs
/// trtexec in a staging folder with a shared timing cache, parses its performance summary, stores the engine
/// and copies it to the output through a temporary file.
/// </summary>
public sealed class TrtexecEngineBuilder(EngineCache cache, Func<string?>? deviceProbe = null)
{
    public EngineBuildResult Build(EngineBuildRequest request)
    {
        string modelPath = Path.GetFullPath(request.ModelPath);
        string outputPath = Path.GetFullPath(request.OutputPath);
        if (string.Equals(modelPath, outputPath, StringComparison.Ordinal))
        {
            throw new EngineBuildException("the engine would overwrite the model; choose another output path");
        }

        var model = ModelReader.Load(modelPath);
        var plan = EnginePlanner.Plan(request.Target, request.Options, ModelFacts.Inspect(model), model);
        string device = DeviceNameResolver.Resolve(request.DeviceName, request.Target, deviceProbe);
        string version = request.TensorRtVersion ?? request.Target.TensorRtText;
        string modelHash = EngineCacheKey.HashModel(modelPath, model);
        string key = EngineCacheKey.Compute(modelHash, request.Target.Name, plan.CanonicalOptions, version, device);

        if (request.UseCache && cache.TryGet(key) is { } cached)
        {
            CopyOut(cache.EnginePath(key), outputPath);
            return new EngineBuildResult(outputPath, true, key, device, version, plan, cached.Command, cached.Summary) { PortableCommand = PortableCommand(plan, request).Arguments };
        }

        string trtexec = ProcessRunner.Locate(request.Trtexec)
            ?? throw new EngineBuildException($"trtexec not found ('{request.Trtexec}'): install TensorRT or give the path with --trtexec");
        string staging = cache.CreateStaging(key);
        try
        {
            string stagedEngine = Path.Combine(staging, "model.engine");
            string? timingCache = request.TimingCachePath is { } named ? Path.GetFullPath(named)
                : request.Options.TimingCache ? cache.TimingCachePath(request.Target.Name, version, device) : null;
            if (timingCache is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(timingCache)!);
            }

            var command = TrtexecCommandBuilder.Build(plan, modelPath, stagedEngine, timingCache, request.Options);
            var run = ProcessRunner.Run(trtexec, command.Arguments, request.Timeout, request.Environment, request.OnOutputLine);
            var summary = TrtexecSummaryParser.Parse(run.StandardOutput + "\n" + run.StandardError);
            if (run.TimedOut)
            {
                throw new EngineBuildException($"trtexec did not finish within {request.Timeout.TotalMinutes:F0} minutes");
            }

            if (run.ExitCode != 0)
            {
                throw new EngineBuildException($"trtexec failed (exit code {run.ExitCode}): {FirstError(summary, run)}");
            }

            if (!File.Exists(stagedEngine))
            {
                throw new EngineBuildException("trtexec reported success but wrote no engine");
            }

            var record = new EngineCacheRecord(key, modelHash, request.Target.Name, version, device, plan.CanonicalOptions, "trtexec", command.Arguments, summary, DateTimeOffset.UtcNow);
            if (request.UseCache)
            {
                cache.Commit(staging, record);
                CopyOut(cache.EnginePath(key), outputPath);
            }
            else
            {
                CopyOut(stagedEngine, outputPath);
            }

            return new EngineBuildResult(outputPath, false, key, device, version, plan, command.Arguments, summary) { PortableCommand = PortableCommand(plan, request).Arguments };
        }
        finally
        {
            EngineCache.DiscardStaging(staging);
        }
    }

    /// <summary>
    /// The plan and trtexec command a build would run, writing straight to the output path, without running it:
    /// for dry runs, and for hosts that prepare a build for a device that runs trtexec itself (a Jetson Nano). The
    /// command is portable (<see cref="PortableCommand"/>).
    /// </summary>
    public static (EnginePlan Plan, TrtexecCommand Command) DryRun(EngineBuildRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = ModelReader.Load(request.ModelPath);
        var plan = EnginePlanner.Plan(request.Target, request.Options, ModelFacts.Inspect(model), model);
        return (plan, PortableCommand(plan, request));
    }

    /// <summary>
    /// The trtexec command for <paramref name="plan"/> as another host can run it: the model, engine and timing cache
    /// paths exactly as the request gives them (relative stays relative), and no timing cache unless one was named.
    /// The engine cache's staging folder and its own timing cache are details of this host's build, never shown.
    /// </summary>
    public static TrtexecCommand PortableCommand(EnginePlan plan, EngineBuildRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TrtexecCommandBuilder.Build(plan, request.ModelPath, request.OutputPath, request.TimingCachePath, request.Options);
    }

    private static string FirstError(TrtexecSummary summary, ProcessResult run) =>
        summary.Errors.FirstOrDefault(e => e.Length > 0)
        ?? (run.StandardError + "\n" + run.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
        ?? "no output";

    private static void CopyOut(string source, string destination) =>
        AtomicFile.Write(destination, target =>
        {
            using var input = File.OpenRead(source);
            input.CopyTo(target);
        });
}
