using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Registry;

/// <summary>
/// The one table of passes and presets. <see cref="CreateDefault"/> fills it from <see cref="PassTable"/>;
/// backends add their own passes with <see cref="Register(PassInfo)"/>.
/// </summary>
public sealed class PassRegistry
{
    private readonly Dictionary<string, PassInfo> _passes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PresetInfo> _presets = new(StringComparer.Ordinal);

    public IEnumerable<PassInfo> Passes => _passes.Values.OrderBy(p => p.Name, StringComparer.Ordinal);

    public IEnumerable<PresetInfo> Presets => _presets.Values.OrderBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>A registry with every built-in pass and preset.</summary>
    public static PassRegistry CreateDefault()
    {
        var registry = new PassRegistry();
        PassTable.RegisterAll(registry);
        return registry;
    }

    public void Register(PassInfo pass)
    {
        if (_passes.ContainsKey(pass.Name) || _presets.ContainsKey(pass.Name) || pass.Name == FixpointName)
        {
            throw new InvalidOperationException($"'{pass.Name}' is already registered");
        }

        _passes[pass.Name] = pass;
    }

    public void Register(PresetInfo preset)
    {
        if (_passes.ContainsKey(preset.Name) || _presets.ContainsKey(preset.Name) || preset.Name == FixpointName)
        {
            throw new InvalidOperationException($"'{preset.Name}' is already registered");
        }

        _presets[preset.Name] = preset;
    }

    public const string FixpointName = "fixpoint";

    public PassInfo? FindPass(string name) => _passes.GetValueOrDefault(name);

    public PresetInfo? FindPreset(string name) => _presets.GetValueOrDefault(name);

    /// <summary>Every name that may appear in pipeline text.</summary>
    public IEnumerable<string> AllNames => _passes.Keys.Concat(_presets.Keys).Append(FixpointName);

    /// <summary>Creates a pass with default options.</summary>
    public Pass Create(string name) =>
        FindPass(name) is { } info ? info.Create((PassOptions)Activator.CreateInstance(info.OptionsType)!) : throw new PipelineException($"unknown pass '{name}'");
}
