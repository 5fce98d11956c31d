namespace OnnxOpt.Graph.Serialization;

/// <summary>How <see cref="ModelWriter"/> saves a model.</summary>
public sealed record WriteOptions
{
    /// <summary>Move tensor data to a file beside the model (needed past protobuf's 2 GB limit).</summary>
    public bool ExternalData { get; init; }

    /// <summary>Tensors smaller than this many bytes stay inline when <see cref="ExternalData"/> is on.</summary>
    public long ExternalDataThreshold { get; init; } = 1024;

    /// <summary>Name of the data file, relative to the model; defaults to the model's file name plus ".data".</summary>
    public string? ExternalDataFileName { get; init; }

    public static WriteOptions Default { get; } = new();
}
