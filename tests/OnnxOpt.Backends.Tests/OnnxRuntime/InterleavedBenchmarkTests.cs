using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime;

public sealed class InterleavedBenchmarkTests
{
    [Fact]
    public void Every_model_gets_one_timed_run_per_round_in_the_order_given()
    {
        using var temp = new TempDirectory();
        string a = temp.File("a.onnx"), b = temp.File("b.onnx");
        ModelWriter.Save(TestModels.ConvRelu(), a);
        ModelWriter.Save(TestModels.ConvRelu(sparse24: true), b);

        var results = new InterleavedBenchmark { Warmup = 1, Rounds = 5, RunOptions = new OrtRunOptions { IntraOpThreads = 1 } }.Run([a, b]);

        Assert.Equal(["a.onnx", "b.onnx"], results.Select(r => r.Model));
        foreach (var result in results)
        {
            Assert.Equal((5, 1), (result.Runs, result.Warmup));
            Assert.True(result.Latency.MinMs > 0 && result.Latency.MinMs <= result.Latency.MaxMs);
            Assert.InRange(result.ThroughputPerSecond, 5 / result.TotalSeconds * 0.999, 5 / result.TotalSeconds * 1.001);
            Assert.Equal([1L, 8, 6, 6], result.InputShapes["x"]);
        }
    }

    [Fact]
    public void Bad_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new InterleavedBenchmark { Rounds = 0 }.Run([]));
        Assert.Throws<ArgumentException>(() => new InterleavedBenchmark { Warmup = -1 }.Run([]));
    }
}
