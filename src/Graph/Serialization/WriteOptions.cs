namespace OnnxOpt.Graph.Serialization;

/// <summary>How <see cref="ModelWriter"/> saves a model.</summary>
public sealed record WriteOptions
{
    /// <summary>Move tensor data to a file beside the model (needed past protobuf's 2 GB limit).</summary>
    public bool ExternalData { get; init; }

    /// <summary>Tensors smaller than this many bytes stay inline when <see cref="ExternalData"/> is on.</summary>
    public long ExternalDataThreshold { get; init; } = 1024;

    /// <summary>
    /// Name of the data file, relative to the model. By default the model's file name plus ".data", or, when a file of
    /// that name exists, plus ".XXXXXXXX.data" with a fresh random part: the new data never replaces data an existing
    /// model reads, so a crash between the two renames leaves a consistent pair (see <see cref="DataFileNames"/>).
    /// An explicit name is written through a rename of its own and gets no such guarantee.
    /// </summary>
    public string? ExternalDataFileName { get; init; }

    /// <summary>Files never deleted as obsolete data of an earlier write (the inputs of the run and their data files).</summary>
    public IReadOnlyList<string> KeepFiles { get; init; } = [];

    public static WriteOptions Default { get; } = new();
}
