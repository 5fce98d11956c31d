using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Evaluation.Comparison;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Comparison;

public sealed class ModelComparisonTests
{
    [Fact]
    public void Rows_carry_structure_latency_and_metrics_against_the_first_model()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a.onnx"), b = dir.File("b.onnx");
        ModelWriter.Save(GeneratedDetector.Create(), a);
        ModelWriter.Save(GeneratedDetector.Create(convWeights: [0, 0, 0.75f, 0.1f, 0, -0.3f, -0.6f, 0, 0.05f, 0.3f, 0, 0.15f]), b);
        string data = GeneratedDetector.WriteDataset(dir.File("data"));

        var report = new ModelComparison(new InterleavedBenchmark { Warmup = 1, Rounds = 3 }).Compare([a, b], data);

        Assert.Equal(["a.onnx", "b.onnx"], report.Rows.Select(r => r.Name));
        Assert.Equal(1, report.Baseline.SpeedUp);
        Assert.Equal(0, report.Rows[0].ConvSparsity);
        Assert.Equal(5.0 / 12, report.Rows[1].ConvSparsity, 9);
        Assert.Equal(new FileInfo(a).Length, report.Rows[0].FileSize);
        Assert.Equal(3, report.Images);
        Assert.Equal(0, report.DeltaMap50_95(report.Baseline));
        Assert.Equal(report.Rows[1].Metrics!.Map50_95 - report.Rows[0].Metrics!.Map50_95, report.DeltaMap50_95(report.Rows[1]));
        Assert.All(report.Rows, r => Assert.Equal(3, r.Latency.Runs));
    }

    [Fact]
    public void Without_data_only_speed_is_compared()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a.onnx");
        ModelWriter.Save(GeneratedDetector.Create(), a);
        var report = new ModelComparison(new InterleavedBenchmark { Warmup = 0, Rounds = 2 }).Compare([a, a]);
        Assert.All(report.Rows, r => Assert.Null(r.Metrics));
        Assert.Null(report.DeltaMap50_95(report.Rows[1]));
        Assert.Throws<FileNotFoundException>(() => new ModelComparison(new InterleavedBenchmark()).Compare([dir.File("missing.onnx")]));
    }
}
