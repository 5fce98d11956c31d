using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;
using OnnxOpt.Backends.OnnxRuntime.Providers;

namespace OnnxOpt.Backends.OnnxRuntime.Benchmarking;

/// <summary>Renders a <see cref="BenchmarkResult"/> as the text or JSON `onnxopt bench` prints.</summary>
public static class BenchmarkReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The report as lines of text; <paramref name="includeFallback"/> false leaves out the fallback note for callers that print it elsewhere (stderr).</summary>
    public static string ToText(BenchmarkResult result, bool includeFallback = true)
    {
        var c = CultureInfo.InvariantCulture;
        var s = result.Latency;
        var text = new StringBuilder();
        text.Append(c, $"model: {result.Model} on {result.Provider.Selected.DisplayName()}");
        text.Append(c, $" (inputs {string.Join(", ", result.InputShapes.Select(p => $"{p.Key}[{string.Join("x", p.Value)}]"))})\n");
        if (includeFallback && result.Provider.Explanation is { } why)
        {
            text.Append(c, $"note: {why}\n");
        }

        text.Append(c, $"runs: {result.Runs} timed after {result.Warmup} warmup\n");
        text.Append(c, $"latency ms: min {s.MinMs:F3}  median {s.MedianMs:F3}  p90 {s.P90Ms:F3}  max {s.MaxMs:F3}  mean {s.MeanMs:F3}\n");
        text.Append(c, $"throughput: {result.ThroughputPerSecond:F2} inferences/s\n");
        return text.ToString();
    }

    public static string ToJson(BenchmarkResult result)
    {
        var s = result.Latency;
        var shapes = new JsonObject();
        foreach (var (name, dims) in result.InputShapes)
        {
            shapes[name] = new JsonArray([.. dims.Select(d => (JsonNode?)d)]);
        }

        var document = new JsonObject
        {
            ["model"] = result.Model,
            ["provider"] = result.Provider.Selected.CliName(),
            ["requestedProvider"] = result.Provider.Requested.CliName(),
            ["fallback"] = result.Provider.Explanation,
            ["warmup"] = result.Warmup,
            ["runs"] = result.Runs,
            ["inputShapes"] = shapes,
            ["latencyMs"] = new JsonObject { ["min"] = s.MinMs, ["median"] = s.MedianMs, ["p90"] = s.P90Ms, ["max"] = s.MaxMs, ["mean"] = s.MeanMs },
            ["throughputPerSecond"] = result.ThroughputPerSecond,
            ["totalSeconds"] = result.TotalSeconds,
        };
        return document.ToJsonString(Indented);
    }
}
