using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Trtexec;

namespace OnnxOpt.Backends.TensorRT;

/// <summary>
/// The JSON every report of this backend writes: camelCase, indented, nulls kept. Typed records go through a
/// source-generated context and documents are built as <see cref="JsonObject"/>s, so no JSON path needs run-time
/// reflection (the CLI is published with native AOT).
/// </summary>
public static class TensorRtJson
{
    public static JsonSerializerOptions Options => TensorRtJsonContext.Default.Options;

    public static string Serialize(TrtexecSummary summary) => JsonSerializer.Serialize(summary, TensorRtJsonContext.Default.TrtexecSummary);

    public static JsonNode? ToNode(TrtexecSummary? summary) =>
        summary is null ? null : JsonSerializer.SerializeToNode(summary, TensorRtJsonContext.Default.TrtexecSummary);

    public static string Write(JsonNode document) => document.ToJsonString(Options);

    public static JsonArray Array(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)i)]);

    public static JsonObject Object(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }

    internal static string SerializeRecord(EngineCacheRecord record) => JsonSerializer.Serialize(record, TensorRtJsonContext.Default.EngineCacheRecord);

    internal static void SerializeRecord(Stream stream, EngineCacheRecord record) => JsonSerializer.Serialize(stream, record, TensorRtJsonContext.Default.EngineCacheRecord);

    internal static EngineCacheRecord? DeserializeRecord(string json) => JsonSerializer.Deserialize(json, TensorRtJsonContext.Default.EngineCacheRecord);
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EngineCacheRecord))]
[JsonSerializable(typeof(TrtexecSummary))]
internal sealed partial class TensorRtJsonContext : JsonSerializerContext;
