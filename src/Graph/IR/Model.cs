using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// A whole ONNX model: header fields, opset imports, metadata, the main graph, and the parts the IR keeps
/// opaque (functions, training info, device configurations), which are written back untouched.
/// </summary>
public sealed class Model
{
    public Model(OnnxGraph graph) => Graph = graph;

    public long IrVersion { get; set; } = 10;

    public List<OpsetImport> OpsetImports { get; } = [];

    public string? ProducerName { get; set; }

    public string? ProducerVersion { get; set; }

    public string? Domain { get; set; }

    public long? ModelVersion { get; set; }

    public string? DocString { get; set; }

    public OnnxGraph Graph { get; set; }

    /// <summary>Metadata as key/value pairs in file order (Ultralytics keeps stride, task, imgsz and names here).</summary>
    public List<KeyValuePair<string, string>> MetadataProps { get; } = [];

    // Model-local functions, training info and device configurations: kept as read and written back untouched. No
    // pass reads them, so they stay protobuf messages inside this assembly instead of public IR.
    internal List<FunctionProto> Functions { get; } = [];

    internal List<TrainingInfoProto> TrainingInfo { get; } = [];

    internal List<DeviceConfigurationProto> DeviceConfigurations { get; } = [];

    /// <summary>The folder external data paths were resolved against, when the model came from a file.</summary>
    public string? BaseDirectory { get; set; }

    internal ModelProto? Source { get; set; }

    /// <summary>The imported version of <paramref name="domain"/> ("" and "ai.onnx" are the same), or null.</summary>
    public long? GetOpset(string domain = "")
    {
        bool isDefault = domain.Length == 0 || domain == "ai.onnx";
        var import = OpsetImports.Find(o => o.Domain == domain || (isDefault && (o.Domain.Length == 0 || o.Domain == "ai.onnx")));
        return import?.Version;
    }

    public void SetOpset(string domain, long version)
    {
        OpsetImports.RemoveAll(o => o.Domain == domain);
        OpsetImports.Add(new OpsetImport(domain, version));
    }

    public string? GetMetadata(string key) => MetadataProps.Find(p => p.Key == key) is { Key: not null } p ? p.Value : null;

    public void SetMetadata(string key, string value)
    {
        int index = MetadataProps.FindIndex(p => p.Key == key);
        if (index >= 0)
        {
            MetadataProps[index] = new(key, value);
        }
        else
        {
            MetadataProps.Add(new(key, value));
        }
    }
}
