using OnnxOpt.Backends.TensorRT.Trtexec;
using OnnxOpt.Backends.TensorRT;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>
/// Parsing trtexec logs. The samples under Fixtures/trtexec were constructed in trtexec's documented output
/// format for each release (see the README there), not captured on hardware.
/// </summary>
public sealed class TrtexecSummaryParserTests
{
    [Theory]
    [InlineData("trt8.2-jetson-nano.log", "8.2.1", "NVIDIA Tegra X1", 90)]
    [InlineData("trt8.5-jetson-xavier.log", "8.5.2", "Xavier", 301)]
    [InlineData("trt10.3-jetson-orin.log", "10.3.0", "Orin", 1204)]
    [InlineData("trt11-desktop.log", "11.0.0", "NVIDIA RTX A4000", 3560)]
    public void Summaries_of_every_release_parse_into_consistent_numbers(string sample, string version, string device, int queries)
    {
        var summary = TrtexecSummaryParser.Parse(File.ReadAllText(FakeTrtexec.Sample(sample)));

        Assert.Equal(version, summary.TensorRtVersion);
        Assert.Equal(device, summary.Device);
        Assert.True(summary.Passed);
        Assert.Empty(summary.Errors);
        var latency = Assert.IsType<TimingStatistics>(summary.Latency);
        var gpu = Assert.IsType<TimingStatistics>(summary.GpuComputeTime);
        var h2d = Assert.IsType<TimingStatistics>(summary.H2DLatency);
        var d2h = Assert.IsType<TimingStatistics>(summary.D2HLatency);
        Assert.NotNull(summary.EnqueueTime);

        // The relations trtexec's own definitions imply.
        Assert.Equal(latency.MeanMs, h2d.MeanMs + gpu.MeanMs + d2h.MeanMs, tolerance: 1e-5 * latency.MeanMs);
        Assert.Equal(queries / summary.TotalHostWalltimeSeconds!.Value, summary.ThroughputQps!.Value, tolerance: 1e-5 * summary.ThroughputQps!.Value);
        Assert.Equal(gpu.MeanMs * queries / 1000, summary.TotalGpuComputeSeconds!.Value, tolerance: 1e-5 * summary.TotalGpuComputeSeconds!.Value);
        Assert.True(latency.MinMs <= latency.MedianMs && latency.MedianMs <= latency.MaxMs);
        Assert.True(latency.MinMs <= latency.P99Ms && latency.P99Ms <= latency.MaxMs);
    }

    [Fact]
    public void TensorRT_8_2_prints_one_percentile_and_the_end_to_end_latency()
    {
        var summary = TrtexecSummaryParser.Parse(File.ReadAllText(FakeTrtexec.Sample("trt8.2-jetson-nano.log")));
        Assert.Equal(["p99"], summary.Latency!.Percentiles.Keys);
        Assert.Equal(36.3323, summary.Latency.P99Ms!.Value, 4);
        Assert.Equal(33.5376, summary.GpuComputeTime!.MeanMs, 4);
        Assert.Equal(29.3118, summary.ThroughputQps!.Value, 4);
        Assert.NotNull(summary.EndToEndHostLatency);
    }

    [Fact]
    public void Later_releases_print_p90_p95_p99_and_no_end_to_end_latency()
    {
        var summary = TrtexecSummaryParser.Parse(File.ReadAllText(FakeTrtexec.Sample("trt10.3-jetson-orin.log")));
        Assert.Equal(["p90", "p95", "p99"], summary.GpuComputeTime!.Percentiles.Keys.Order());
        Assert.Equal(2.29102, summary.GpuComputeTime.Percentiles["p90"], 5);
        Assert.Equal(0.621542, summary.EnqueueTime!.MeanMs, 6);
        Assert.Null(summary.EndToEndHostLatency);
    }

    [Fact]
    public void A_failed_parse_reports_the_error_lines_without_prefixes()
    {
        var summary = TrtexecSummaryParser.Parse(File.ReadAllText(FakeTrtexec.Sample("trt8.2-parse-failure.log")));
        Assert.False(summary.Passed);
        Assert.Null(summary.ThroughputQps);
        Assert.StartsWith("ModelImporter.cpp:773: While parsing node number 2 [ConvInteger", summary.Errors[0], StringComparison.Ordinal);
        Assert.Contains("Engine set up failed", summary.Errors);
    }

    [Theory]
    [InlineData("8201", "8.2.1")]
    [InlineData("8502", "8.5.2")]
    [InlineData("8611", "8.6.11")]
    [InlineData("100300", "10.3.0")]
    [InlineData("101500", "10.15.0")]
    [InlineData("110000", "11.0.0")]
    public void Version_tags_decode(string digits, string expected) => Assert.Equal(expected, TrtexecSummaryParser.DecodeVersion(digits));

    [Fact]
    public void Summary_serialises_to_json_with_camel_case_names()
    {
        var summary = TrtexecSummaryParser.Parse(File.ReadAllText(FakeTrtexec.Sample("trt8.5-jetson-xavier.log")));
        using var json = System.Text.Json.JsonDocument.Parse(TensorRtJson.Serialize(summary));
        var root = json.RootElement;
        Assert.Equal("8.5.2", root.GetProperty("tensorRtVersion").GetString());
        Assert.Equal(summary.ThroughputQps!.Value, root.GetProperty("throughputQps").GetDouble(), 6);
        Assert.Equal(summary.Latency!.Percentiles["p99"], root.GetProperty("latency").GetProperty("percentiles").GetProperty("p99").GetDouble(), 6);
        Assert.Equal(summary.GpuComputeTime!.MedianMs, root.GetProperty("gpuComputeTime").GetProperty("medianMs").GetDouble(), 6);
    }
}
