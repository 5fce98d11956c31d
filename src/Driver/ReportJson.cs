using System.Text.Json.Nodes;
using System.Text.Json;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Driver;

/// <summary>The JSON form of pipeline runs (`--report FILE.json`): the canonical pipeline, every pass's time and statistics.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Of(PipelineRunReport report) => new()
    {
        ["pipeline"] = report.Pipeline,
        ["changed"] = report.Changed,
        ["converged"] = report.Converged,
        ["rewrites"] = report.RewritesUsed,
        ["stoppedAtRewrite"] = report.StoppedAtRewrite,
        ["totalMs"] = report.TotalTime.TotalMilliseconds,
        ["passes"] = new JsonArray(report.Runs.Select(r => (JsonNode)new JsonObject
        {
            ["index"] = r.Index,
            ["pass"] = r.PassName,
            ["pipeline"] = r.PipelineText,
            ["changed"] = r.Changed,
            ["ms"] = r.Elapsed.TotalMilliseconds,
            ["statistics"] = new JsonObject(r.Statistics.Counters.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value)))),
            ["counters"] = new JsonArray(r.Statistics.Counters.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Key,
                ["value"] = c.Value,
                ["description"] = r.Statistics.Describe(c.Key)?.Description,
            }).ToArray()),
            ["tables"] = Tables(r.Statistics),
        }).ToArray()),
        ["diagnostics"] = new JsonArray(report.Diagnostics.Select(d => (JsonNode)new JsonObject
        {
            ["severity"] = d.IsError ? "error" : "warning",
            ["pass"] = d.Pass,
            ["node"] = d.NodeName,
            ["message"] = d.Message,
            ["text"] = d.ToString(),
        }).ToArray()),
    };

    public static JsonObject Of(OptimizeResult result)
    {
        var json = Of(result.Report);
        json["input"] = result.Input;
        json["output"] = result.Output;
        json["nodesBefore"] = result.NodesBefore;
        json["nodesAfter"] = result.NodesAfter;
        json["bytesBefore"] = result.BytesBefore;
        json["bytesAfter"] = result.BytesAfter;
        json["elapsedMs"] = result.Elapsed.TotalMilliseconds;
        return json;
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Indented);

    /// <summary>Detail tables (e.g. `prune-conv-l1`'s per-layer rows) as `{ name: [ {column: value} ] }`.</summary>
    private static JsonObject Tables(PassStatistics statistics) =>
        new(statistics.Tables.Select(t => KeyValuePair.Create(t.Name, (JsonNode?)new JsonArray(t.Rows.Select(row =>
            (JsonNode)new JsonObject(row.ToCells().Select(cell => KeyValuePair.Create(cell.Column, (JsonNode?)Cell(cell))))).ToArray()))));

    private static JsonValue? Cell(StatisticsCell cell) => cell.Kind switch
    {
        StatisticsCellKind.Text => JsonValue.Create(cell.Text),
        StatisticsCellKind.Flag => JsonValue.Create(cell.Number != 0),
        StatisticsCellKind.Integer => JsonValue.Create((long)cell.Number),
        _ => JsonValue.Create(cell.Number),
    };
}
