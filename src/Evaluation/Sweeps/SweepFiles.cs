using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OnnxOpt.Evaluation.Metrics;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Evaluation.Sweeps;

/// <summary>
/// Writes a <see cref="SweepReport"/> as CSV (one row per evaluated model, the baseline first, RFC 4180 quoting:
/// pipeline texts contain commas and quotes) and as JSON. Both go through a temporary file and a rename.
/// </summary>
public static class SweepFiles
{
    public static readonly IReadOnlyList<string> CsvColumns =
        ["template", "value", "pipeline", "nodes", "conv_sparsity", "map50_95", "map50", "map75", "precision", "recall", "delta_map50_95", "delta_map50"];

    public static string ToCsv(SweepReport report)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', CsvColumns).Append('\n');
        AppendRow(text, ["baseline", "", "", "", ""], report.Baseline, report.Baseline);
        foreach (var p in report.Points)
        {
            AppendRow(text, [p.Template, Number(p.Value), p.Pipeline, p.Nodes.ToString(CultureInfo.InvariantCulture), Number(p.ConvSparsity)], p.Metrics, report.Baseline);
        }

        return text.ToString();
    }

    public static JsonObject ToJson(SweepReport report) => new()
    {
        ["model"] = report.Model,
        ["dataset"] = report.Dataset,
        ["images"] = report.Images,
        ["parameter"] = report.Parameter,
        ["baseline"] = MetricsJson(report.Baseline, report.Baseline),
        ["points"] = new JsonArray(report.Points.Select(p =>
        {
            var point = new JsonObject
            {
                ["template"] = p.Template,
                ["value"] = p.Value,
                ["pipeline"] = p.Pipeline,
                ["nodes"] = p.Nodes,
                ["convSparsity"] = p.ConvSparsity,
            };
            foreach (var (key, value) in MetricsJson(p.Metrics, report.Baseline))
            {
                point[key] = value?.DeepClone();
            }

            return (JsonNode)point;
        }).ToArray()),
    };

    public static void WriteCsv(string path, SweepReport report)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ToCsv(report));
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    public static void WriteJson(string path, SweepReport report)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (quotes doubled).</summary>
    public static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static void AppendRow(StringBuilder text, string[] leading, DetectionMetrics m, DetectionMetrics baseline)
    {
        double[] metrics = [m.Map50_95, m.Map50, m.Map75, m.Precision, m.Recall, m.Map50_95 - baseline.Map50_95, m.Map50 - baseline.Map50];
        var fields = leading.Concat(metrics.Select(Number));
        text.AppendJoin(',', fields.Select(CsvField)).Append('\n');
    }

    private static JsonObject MetricsJson(DetectionMetrics m, DetectionMetrics baseline) => new()
    {
        ["map50_95"] = m.Map50_95,
        ["map50"] = m.Map50,
        ["map75"] = m.Map75,
        ["precision"] = m.Precision,
        ["recall"] = m.Recall,
        ["deltaMap50_95"] = m.Map50_95 - baseline.Map50_95,
        ["deltaMap50"] = m.Map50 - baseline.Map50,
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
