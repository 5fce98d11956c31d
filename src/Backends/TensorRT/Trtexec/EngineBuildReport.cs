using System.Text;
using System.Text.Json.Nodes;
using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>Renders an <see cref="EngineBuildResult"/> as the text or JSON `onnxopt engine` prints.</summary>
public static class EngineBuildReport
{
    public static string ToText(EngineBuildResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"engine: {result.EnginePath}{(result.FromCache ? " (reused from the engine cache)" : string.Empty)}");
        text.AppendLine($"target: {result.Plan.Target.Name}, TensorRT {result.TensorRtVersion}, device {result.DeviceName}, precision {result.Plan.Precision.CliName()}");
        text.AppendLine($"command: {new TrtexecCommand(result.PortableCommand ?? result.Command).ToCommandLine()}");
        foreach (string note in result.Plan.Notes)
        {
            text.AppendLine($"note: {note}");
        }

        if (result.Summary is { ThroughputQps: double qps } s)
        {
            text.AppendLine($"throughput: {qps:F2} qps");
            AppendTiming(text, "latency", s.Latency);
            AppendTiming(text, "gpu compute", s.GpuComputeTime);
            AppendTiming(text, "enqueue", s.EnqueueTime);
        }

        return text.ToString();
    }

    public static string ToJson(EngineBuildResult result) => TensorRtJson.Write(new JsonObject
    {
        ["engine"] = result.EnginePath,
        ["fromCache"] = result.FromCache,
        ["cacheKey"] = result.CacheKey,
        ["target"] = result.Plan.Target.Name,
        ["tensorRt"] = result.TensorRtVersion,
        ["device"] = result.DeviceName,
        ["precision"] = result.Plan.Precision.CliName(),
        ["options"] = result.Plan.CanonicalOptions,
        ["command"] = TensorRtJson.Array(result.PortableCommand ?? result.Command),
        ["executedCommand"] = TensorRtJson.Array(result.Command),
        ["notes"] = TensorRtJson.Array(result.Plan.Notes),
        ["summary"] = TensorRtJson.ToNode(result.Summary),
    });

    private static void AppendTiming(StringBuilder text, string name, TimingStatistics? t)
    {
        if (t is null)
        {
            return;
        }

        string percentiles = string.Concat(t.Percentiles.Select(p => FormattableString.Invariant($"  {p.Key} {p.Value:F3}")));
        text.AppendLine(FormattableString.Invariant($"{name} ms: min {t.MinMs:F3}  median {t.MedianMs:F3}  mean {t.MeanMs:F3}  max {t.MaxMs:F3}{percentiles}"));
    }
}
