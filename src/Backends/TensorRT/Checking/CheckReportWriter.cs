using System.Text;
using System.Text.Json.Nodes;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>Renders a <see cref="CheckReport"/> as the text or JSON `onnxopt check` prints.</summary>
public static class CheckReportWriter
{
    /// <summary>A header, one line per finding (information only with <paramref name="verbose"/>), and a verdict line.</summary>
    public static string ToText(CheckReport report, bool verbose = false)
    {
        var target = report.Target;
        var text = new StringBuilder();
        text.AppendLine($"target: {target.Name}: TensorRT {target.TensorRtText}{(target.JetPack is null ? string.Empty : $", JetPack {target.JetPack}")}; {target.Parser.Name} imports opsets {target.Parser.MinOpset}-{target.Parser.MaxOpset}");
        int supported = report.Nodes.Count - report.UnsupportedNodeCount;
        text.AppendLine($"model: opset {report.Opset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, {report.Nodes.Count} node{(report.Nodes.Count == 1 ? string.Empty : "s")}: {supported} supported ({report.WarningNodeCount} with warnings), {report.UnsupportedNodeCount} unsupported");
        foreach (var line in CheckDiagnosticGroups.Lines(report.Diagnostics.Where(d => verbose || d.Severity != CheckSeverity.Info), grouped: !verbose))
        {
            text.AppendLine(line);
        }

        if (report.AppliedPipeline is { } applied)
        {
            text.AppendLine($"shapes: checked as if {applied} had run; the file has not had it, so each suggested pipeline starts with it");
        }

        // Pipelines hold commas themselves, so each is quoted as the shell takes it after --pipeline.
        var pipelines = report.SuggestedPipelines;
        string fixes = pipelines.Count == 0 ? string.Empty : $"; suggested: {string.Join(", ", pipelines.Select(p => $"'{p}'"))}";
        text.AppendLine(report.IsSupported ? $"result: supported on {target.Name}{fixes}" : $"result: not supported on {target.Name}{fixes}");
        return text.ToString();
    }

    public static string ToJson(CheckReport report)
    {
        var target = report.Target;
        var document = new JsonObject
        {
            ["target"] = target.Name,
            ["tensorrt"] = target.TensorRtText,
            ["jetpack"] = target.JetPack,
            ["parser"] = target.Parser.Name,
            ["opsetRange"] = new JsonArray(target.Parser.MinOpset, target.Parser.MaxOpset),
            ["opset"] = report.Opset,
            ["supported"] = report.IsSupported,
            ["nodeCount"] = report.Nodes.Count,
            ["unsupportedNodeCount"] = report.UnsupportedNodeCount,
            ["suggestedPipelines"] = TensorRtJson.Array(report.SuggestedPipelines),
            ["appliedPipeline"] = report.AppliedPipeline,
            ["modelIssues"] = new JsonArray([.. report.ModelIssues.Select(Issue)]),
            ["nodes"] = new JsonArray([.. report.Nodes.Select(n => (JsonNode?)new JsonObject
            {
                ["name"] = n.Name,
                ["op"] = n.OpType,
                ["domain"] = n.Domain.Length == 0 ? null : n.Domain,
                ["status"] = n.Status,
                ["issues"] = new JsonArray([.. n.Issues.Select(Issue)]),
            })]),
        };
        return TensorRtJson.Write(document);
    }

    private static JsonNode? Issue(CheckDiagnostic d) => new JsonObject
    {
        ["severity"] = d.Severity.ToString().ToLowerInvariant(),
        ["code"] = d.Code,
        ["message"] = d.Message,
        ["node"] = d.NodeName,
        ["op"] = d.OpType,
        ["value"] = d.ValueName,
        ["fix"] = d.Fix?.Pipeline,
        ["hint"] = d.Fix?.Hint,
    };
}
