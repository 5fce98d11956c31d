namespace OnnxOpt.Passes.Infrastructure;

/// <summary>Options of a pass that takes none.</summary>
public sealed record NoOptions : PassOptions;
