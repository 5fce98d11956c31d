using System.CommandLine;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Cli.Infrastructure;

namespace OnnxOpt.Cli.Commands;

/// <summary>The options of <c>onnxopt engine</c>, and their translation into <see cref="EngineCommandValues"/>.</summary>
public sealed class EngineCommandOptions
{
    private readonly Option<string> _target = new("--target", "-t") { Description = $"The deployment target: {string.Join(", ", TargetProfiles.Names)}.", Required = true, HelpName = "T" };
    private readonly Option<string> _output = new("--output", "-o") { Description = "Where to write the engine.", Required = true, HelpName = "OUT.engine" };
    private readonly Option<string> _driver = new("--driver") { Description = "trtexec (default) or ort (ONNX Runtime's TensorRT provider).", DefaultValueFactory = _ => "trtexec" };
    private readonly Option<string> _trtexec = new("--trtexec") { Description = "The trtexec executable (default: trtexec on PATH).", DefaultValueFactory = _ => "trtexec", HelpName = "PATH" };
    private readonly Option<string> _precision = new("--precision") { Description = "fp32, fp16 (default) or int8.", DefaultValueFactory = _ => "fp16", HelpName = "P" };
    private readonly Option<int?> _workspace = new("--workspace") { Description = "Builder workspace limit in MiB.", HelpName = "MiB" };
    private readonly Option<int?> _dlaCore = new("--dla-core") { Description = "Build for this DLA core (layers it lacks fall back to the GPU).", HelpName = "N" };
    private readonly Option<string> _sparsity = new("--sparsity") { Description = "auto (default: sparse kernels when the weights are 2:4 sparse), enable or disable.", DefaultValueFactory = _ => "auto" };
    private readonly Option<string?> _minShapes = new("--min-shapes") { Description = "Smallest shapes of dynamic inputs, e.g. images:1x3x320x320.", HelpName = "SHAPES" };
    private readonly Option<string?> _optShapes = new("--opt-shapes") { Description = "Shapes TensorRT tunes for.", HelpName = "SHAPES" };
    private readonly Option<string?> _maxShapes = new("--max-shapes") { Description = "Largest shapes of dynamic inputs.", HelpName = "SHAPES" };
    private readonly Option<string?> _device = new("--device") { Description = "The GPU name for the engine cache key (default: from nvidia-smi, else the target's module).", HelpName = "NAME" };
    private readonly Option<string?> _cacheDir = new("--cache-dir") { Description = "The engine cache folder (default: $ONNXOPT_CACHE/engines or ~/.cache/onnxopt/engines).", HelpName = "DIR" };
    private readonly Option<string?> _timingCache = new("--timing-cache") { Description = "A timing cache file for trtexec (--timingCacheFile), shown in the printed command. Without it builds keep one in the engine cache and the printed command names none.", HelpName = "PATH" };
    private readonly Option<bool> _force = new("--force") { Description = "Build even when the pre-flight check finds something the target's parser rejects (a warning instead of an error)." };
    private readonly Option<bool> _noCache = new("--no-cache") { Description = "Build even when a cached engine matches, and do not store the result." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print the plan and the exact trtexec command without running it." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the result as JSON." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _target, _output, _driver, _trtexec, _precision, _workspace, _dlaCore, _sparsity, _minShapes, _optShapes, _maxShapes, _device, _cacheDir, _timingCache, _noCache, _force, _dryRun, _json })
        {
            command.Options.Add(option);
        }
    }

    public EngineCommandValues Read(ParseResult result)
    {
        var driver = result.GetRequiredValue(_driver).Trim().ToLowerInvariant() switch
        {
            "trtexec" => EngineDriver.Trtexec,
            "ort" => EngineDriver.Ort,
            var other => throw new UsageException($"--driver must be trtexec or ort, not '{other}'"),
        };
        var sparsity = result.GetRequiredValue(_sparsity).Trim().ToLowerInvariant() switch
        {
            "auto" => SparsityMode.Auto,
            "enable" => SparsityMode.Enable,
            "disable" => SparsityMode.Disable,
            var other => throw new UsageException($"--sparsity must be auto, enable or disable, not '{other}'"),
        };
        var options = new EngineOptions
        {
            Precision = TargetArguments.Precision(result.GetRequiredValue(_precision)),
            WorkspaceMiB = result.GetValue(_workspace),
            DlaCore = result.GetValue(_dlaCore),
            Sparsity = sparsity,
            Shapes = TargetArguments.Profile(result.GetValue(_minShapes), result.GetValue(_optShapes), result.GetValue(_maxShapes)),
        };
        return new EngineCommandValues(
            TargetArguments.Target(result.GetRequiredValue(_target)),
            result.GetRequiredValue(_output),
            driver,
            result.GetRequiredValue(_trtexec),
            options,
            result.GetValue(_device),
            result.GetValue(_cacheDir),
            result.GetValue(_timingCache),
            result.GetValue(_noCache),
            result.GetValue(_force),
            result.GetValue(_dryRun),
            result.GetValue(_json));
    }
}
