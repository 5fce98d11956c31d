using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Registry;

/// <summary>A named pipeline, usable wherever a pass name is (`--preset cleanup`, or `cleanup` inside pipeline text).</summary>
public sealed record PresetInfo(string Name, string Description, string Pipeline);
