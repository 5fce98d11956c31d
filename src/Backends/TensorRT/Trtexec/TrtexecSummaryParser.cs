using System.Globalization;
using System.Text.RegularExpressions;

namespace OnnxOpt.Backends.TensorRT.Trtexec;

/// <summary>
/// Reads trtexec's log. Lines carry "[date-time] [I] " prefixes; the summary lines are "Throughput: N qps",
/// "NAME: min = A ms, max = B ms, mean = C ms, median = D ms, percentile(P%) = E ms[, ...]" and
/// "Total Host Walltime: N s". The version comes from "[TensorRT v8201]" (8.2.1) or "[TensorRT v100300]" (10.3.0).
/// </summary>
public static partial class TrtexecSummaryParser
{
    public static TrtexecSummary Parse(string log)
    {
        var summary = new TrtexecSummary();
        var errors = new List<string>();
        var timings = new Dictionary<string, TimingStatistics>(StringComparer.Ordinal);
        foreach (string raw in log.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (Version().Match(line) is { Success: true } version && summary.TensorRtVersion is null)
            {
                summary = summary with { TensorRtVersion = DecodeVersion(version.Groups[1].Value) };
            }

            if (line.StartsWith("&&&& ", StringComparison.Ordinal))
            {
                summary = summary with { Passed = line.StartsWith("&&&& PASSED", StringComparison.Ordinal) ? true : line.StartsWith("&&&& FAILED", StringComparison.Ordinal) ? false : summary.Passed };
                continue;
            }

            string body = Prefix().Replace(line, string.Empty);
            if (Prefix().Match(line) is { Success: true } prefix && prefix.Value.Contains("[E]", StringComparison.Ordinal))
            {
                errors.Add(body.Trim());
                continue;
            }

            if (body.StartsWith("Selected Device: ", StringComparison.Ordinal))
            {
                summary = summary with { Device = body["Selected Device: ".Length..].Trim() };
            }
            else if (Throughput().Match(body) is { Success: true } throughput)
            {
                summary = summary with { ThroughputQps = Number(throughput.Groups[1].Value) };
            }
            else if (Total().Match(body) is { Success: true } total)
            {
                double seconds = Number(total.Groups[2].Value);
                summary = total.Groups[1].Value == "Host Walltime" ? summary with { TotalHostWalltimeSeconds = seconds } : summary with { TotalGpuComputeSeconds = seconds };
            }
            else if (Timing().Match(body) is { Success: true } timing)
            {
                timings[timing.Groups[1].Value] = ParseTiming(timing.Groups[2].Value);
            }
        }

        return summary with
        {
            Latency = timings.GetValueOrDefault("Latency"),
            EndToEndHostLatency = timings.GetValueOrDefault("End-to-End Host Latency"),
            EnqueueTime = timings.GetValueOrDefault("Enqueue Time"),
            H2DLatency = timings.GetValueOrDefault("H2D Latency"),
            GpuComputeTime = timings.GetValueOrDefault("GPU Compute Time"),
            D2HLatency = timings.GetValueOrDefault("D2H Latency"),
            Errors = errors,
        };
    }

    /// <summary>8201 is 8.2.1 (major, one digit minor, two digit patch); from TensorRT 10 it is 100300 for 10.3.0.</summary>
    public static string DecodeVersion(string digits)
    {
        long n = long.Parse(digits, CultureInfo.InvariantCulture);
        return n >= 100000
            ? $"{n / 10000}.{n / 100 % 100}.{n % 100}"
            : $"{n / 1000}.{n / 100 % 10}.{n % 100}";
    }

    private static TimingStatistics ParseTiming(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var percentiles = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match field in Field().Matches(text))
        {
            string key = field.Groups[1].Value;
            double value = Number(field.Groups[2].Value);
            if (key.StartsWith("percentile(", StringComparison.Ordinal))
            {
                string p = key["percentile(".Length..].TrimEnd(')', '%');
                percentiles["p" + p] = value;
            }
            else
            {
                values[key] = value;
            }
        }

        return new TimingStatistics(values.GetValueOrDefault("min"), values.GetValueOrDefault("max"), values.GetValueOrDefault("mean"), values.GetValueOrDefault("median"), percentiles);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[TensorRT v(\d+)\]")]
    private static partial Regex Version();

    [GeneratedRegex(@"^(\s*\[[^\]]*\])+\s*")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^Throughput:\s*([-+0-9.eE]+)\s*qps")]
    private static partial Regex Throughput();

    [GeneratedRegex(@"^Total (Host Walltime|GPU Compute Time):\s*([-+0-9.eE]+)\s*s\b")]
    private static partial Regex Total();

    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9 \-]*?):\s*(min = .*)$")]
    private static partial Regex Timing();

    [GeneratedRegex(@"(min|max|mean|median|percentile\([0-9.]+%\))\s*=\s*([-+0-9.eE]+)\s*ms")]
    private static partial Regex Field();
}
