using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Json;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Cli.Output;

/// <summary>The JSON form of <c>inspect</c>: one object with raw numbers, stable field names, symbolic dims as strings.</summary>
public static class InspectJson
{
    // Relaxed escaping keeps quotes and '+' in metadata readable; the output goes to files and terminals, not HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(ModelSummary summary, string source, bool layers)
    {
        var json = new JsonObject
        {
            ["model"] = source,
            ["irVersion"] = summary.IrVersion,
            ["opsets"] = Object(summary.Opsets.Select(p => (p.Key, (JsonNode?)p.Value))),
            ["producerName"] = summary.ProducerName,
            ["producerVersion"] = summary.ProducerVersion,
            ["metadata"] = Object(summary.Metadata.Select(p => (p.Key, (JsonNode?)p.Value))),
            ["ultralytics"] = Ultralytics(summary.Ultralytics),
            ["inputs"] = Values(summary.Inputs),
            ["outputs"] = Values(summary.Outputs),
            ["nodes"] = summary.NodeCount,
            ["totalNodes"] = summary.TotalNodeCount,
            ["opTypes"] = Object(summary.OpTypes.Select(p => (p.Key, (JsonNode?)p.Value))),
            ["initializers"] = summary.InitializerCount,
            ["parameters"] = summary.ParameterCount,
            ["weightBytesByType"] = Object(summary.WeightBytesByType.Select(p => (p.Key, (JsonNode?)p.Value))),
            ["externalDataBytes"] = summary.ExternalDataBytes,
            ["convWeights"] = summary.ConvWeightCount,
            ["convZeroWeights"] = summary.ConvZeroWeightCount,
            ["convWeightSparsity"] = summary.ConvWeightSparsity,
            ["fileSize"] = summary.FileSize,
        };
        if (layers)
        {
            json["layers"] = new JsonArray(summary.ConvLayers.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.NodeName,
                ["weight"] = l.WeightName,
                ["weightShape"] = new JsonArray(l.WeightShape.Select(d => (JsonNode)d).ToArray()),
                ["parameters"] = l.Parameters,
                ["zeroWeights"] = l.ZeroWeights,
                ["sparsity"] = l.Sparsity,
            }).ToArray());
        }

        return json.ToJsonString(Indented);
    }

    /// <summary>An object from pairs; a repeated key keeps its last value (metadata may repeat keys).</summary>
    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> pairs)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            json[key] = value;
        }

        return json;
    }

    private static JsonObject? Ultralytics(UltralyticsInfo? info) => info is null ? null : new JsonObject
    {
        ["task"] = info.Task,
        ["imgsz"] = info.ImageSize is null ? null : new JsonArray(info.ImageSize.Select(v => (JsonNode)v).ToArray()),
        ["stride"] = info.Stride,
        ["classes"] = info.Names?.Count,
    };

    private static JsonArray Values(IReadOnlyList<ValueSummary> values) => new(values.Select(v => (JsonNode)new JsonObject
    {
        ["name"] = v.Name,
        ["elemType"] = v.ElementType.OnnxName(),
        ["shape"] = v.Shape is null ? null : new JsonArray(v.Shape.Select(Dim).ToArray()),
    }).ToArray());

    private static JsonNode Dim(Dim dim) => dim.Value is { } size ? JsonValue.Create(size) : JsonValue.Create(dim.Param ?? "?");
}
