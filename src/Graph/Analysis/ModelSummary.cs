namespace OnnxOpt.Graph.Analysis;

/// <summary>
/// Facts about a model for people and tools: header, metadata, interface, op mix, weight volume and Conv weight
/// sparsity. Built by <see cref="ModelSummarizer"/>; the CLI's <c>inspect</c> only formats it.
/// </summary>
public sealed record ModelSummary
{
    public required long IrVersion { get; init; }

    /// <summary>Imported opsets by domain ("" for the default ONNX domain).</summary>
    public required IReadOnlyDictionary<string, long> Opsets { get; init; }

    public string? ProducerName { get; init; }

    public string? ProducerVersion { get; init; }

    /// <summary>metadata_props in file order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; }

    /// <summary>What the Ultralytics metadata says, when the model has any.</summary>
    public UltralyticsInfo? Ultralytics { get; init; }

    public required IReadOnlyList<ValueSummary> Inputs { get; init; }

    public required IReadOnlyList<ValueSummary> Outputs { get; init; }

    /// <summary>Nodes of the main graph.</summary>
    public required int NodeCount { get; init; }

    /// <summary>Nodes of the main graph and of every subgraph.</summary>
    public required int TotalNodeCount { get; init; }

    /// <summary>Main-graph nodes per op type (<c>domain:Op</c> outside the default domain), most frequent first.</summary>
    public required IReadOnlyDictionary<string, int> OpTypes { get; init; }

    /// <summary>Initializers of the main graph and of every subgraph.</summary>
    public required int InitializerCount { get; init; }

    /// <summary>Sum of the element counts of all initializers.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Initializer bytes per element type (ONNX names: float, float16, int8, ...).</summary>
    public required IReadOnlyDictionary<string, long> WeightBytesByType { get; init; }

    /// <summary>Initializer bytes that live in external data files.</summary>
    public required long ExternalDataBytes { get; init; }

    /// <summary>Elements of all Conv weight initializers (each shared weight counted once).</summary>
    public required long ConvWeightCount { get; init; }

    /// <summary>Elements of Conv weight initializers that are exactly zero.</summary>
    public required long ConvZeroWeightCount { get; init; }

    /// <summary>ConvZeroWeightCount / ConvWeightCount, 0 when the model has no Conv weights.</summary>
    public double ConvWeightSparsity => ConvWeightCount == 0 ? 0 : (double)ConvZeroWeightCount / ConvWeightCount;

    /// <summary>One entry per Conv node whose weight is an initializer, in graph order.</summary>
    public required IReadOnlyList<ConvLayerSummary> ConvLayers { get; init; }

    /// <summary>Size of the model file in bytes (for an in-memory model: its serialized size), when known.</summary>
    public long? FileSize { get; init; }
}
