namespace OnnxOpt.Graph.IR;

/// <summary>An operator set a model imports: "" is the default ONNX domain.</summary>
public sealed record OpsetImport(string Domain, long Version);
