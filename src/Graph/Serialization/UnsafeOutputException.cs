namespace OnnxOpt.Graph.Serialization;

/// <summary>An output path that must not be written (an input, another output, a folder, an unwritable place); found before any work starts.</summary>
public sealed class UnsafeOutputException(string message) : Exception(message);
