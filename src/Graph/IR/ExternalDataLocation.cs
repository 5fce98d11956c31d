namespace OnnxOpt.Graph.IR;

/// <summary>Where a tensor's bytes live outside the model file: a file (already resolved and checked to lie inside the model's folder), an offset and a length.</summary>
public sealed record ExternalDataLocation(string FullPath, string RelativeLocation, long Offset, long Length);
