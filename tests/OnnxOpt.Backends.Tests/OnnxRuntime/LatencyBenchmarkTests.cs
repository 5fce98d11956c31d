using System.Text.Json;
using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Backends.OnnxRuntime;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime;

public sealed class LatencyBenchmarkTests
{
    [Fact]
    public void Statistics_use_the_middle_pair_for_an_even_median_and_nearest_rank_for_p90()
    {
        var stats = LatencyStatistics.From([5, 1, 4, 2, 3, 10, 6, 7, 9, 8]);
        Assert.Equal((10, 1.0, 5.5, 9.0, 10.0, 5.5), (stats.Count, stats.MinMs, stats.MedianMs, stats.P90Ms, stats.MaxMs, stats.MeanMs));
        var odd = LatencyStatistics.From([3, 1, 2]);
        Assert.Equal((2.0, 3.0), (odd.MedianMs, odd.P90Ms));
        Assert.Throws<ArgumentException>(() => LatencyStatistics.From([]));
    }

    [Fact]
    public void A_cpu_benchmark_times_every_run_and_reports_throughput()
    {
        var benchmark = new LatencyBenchmark { Warmup = 2, Runs = 7 };
        var result = benchmark.Run(TestModels.ConvRelu(), "conv");

        Assert.Equal((7, 2), (result.Latency.Count, result.Warmup));
        Assert.Equal(ExecutionProviderKind.Cpu, result.Provider.Selected);
        var s = result.Latency;
        Assert.True(s.MinMs > 0 && s.MinMs <= s.MedianMs && s.MedianMs <= s.P90Ms && s.P90Ms <= s.MaxMs);
        Assert.InRange(result.ThroughputPerSecond, 7 / result.TotalSeconds * 0.999, 7 / result.TotalSeconds * 1.001);
        Assert.True(result.TotalSeconds * 1000 >= s.MeanMs * 7 * 0.999);
        Assert.Equal([1L, 8, 6, 6], result.InputShapes["x"]);
    }

    [Fact]
    public void Reports_render_as_text_and_json()
    {
        var result = new LatencyBenchmark { Warmup = 0, Runs = 3 }.Run(TestModels.ConvRelu(), "conv.onnx");

        string text = BenchmarkReport.ToText(result);
        Assert.StartsWith("model: conv.onnx on CPU (inputs x[1x8x6x6])\n", text, StringComparison.Ordinal);
        Assert.Contains("runs: 3 timed after 0 warmup", text);
        Assert.Contains("latency ms: min ", text);

        using var json = JsonDocument.Parse(BenchmarkReport.ToJson(result));
        var root = json.RootElement;
        Assert.Equal("cpu", root.GetProperty("provider").GetString());
        Assert.Equal(result.Latency.P90Ms, root.GetProperty("latencyMs").GetProperty("p90").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("fallback").ValueKind);
    }

    [Fact]
    public void A_fallback_is_reported_as_a_note_and_in_json()
    {
        var selection = new ProviderSelection(ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cpu, ["TensorRT provider unavailable (libx.so not found)", "CUDA provider unavailable (liby.so not found)"]);
        var result = new BenchmarkResult("m.onnx", selection, 1, 2, new Dictionary<string, long[]> { ["x"] = [1, 3] }, LatencyStatistics.From([2, 4]), 333.3, 0.006);

        Assert.Contains("\nnote: TensorRT provider unavailable (libx.so not found), CUDA provider unavailable (liby.so not found); running on CPU\n", BenchmarkReport.ToText(result));
        using var json = JsonDocument.Parse(BenchmarkReport.ToJson(result));
        Assert.Equal(("cpu", "tensorrt"), (json.RootElement.GetProperty("provider").GetString(), json.RootElement.GetProperty("requestedProvider").GetString()));
        Assert.StartsWith("TensorRT provider unavailable", json.RootElement.GetProperty("fallback").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(0, 0)]
    public void Invalid_counts_are_refused(int warmup, int runs) =>
        Assert.Throws<ArgumentException>(() => new LatencyBenchmark { Warmup = warmup, Runs = runs }.Run(TestModels.ConvRelu()));
}
