using System.Text.Json;
using OnnxOpt.Evaluation.Sweeps;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Sweeps;

public sealed class PipelineSweepTests
{
    private static SweepReport RunSweep(TempDirectory dir)
    {
        string model = dir.File("det.onnx");
        ModelWriter.Save(GeneratedDetector.Create(), model);
        string data = GeneratedDetector.WriteDataset(dir.File("data"));
        PipelineTemplate[] templates = [new("prune-conv-l1{amount=$x scope=layer}"), new("prune-conv-l1{amount=$x scope=global}")];
        return new PipelineSweep().Run(model, templates, [0, 0.5], data);
    }

    [Fact]
    public void Every_template_and_value_is_run_and_evaluated()
    {
        using var dir = new TempDirectory();
        var steps = new List<string>();
        string model = dir.File("det.onnx");
        ModelWriter.Save(GeneratedDetector.Create(), model);
        string data = GeneratedDetector.WriteDataset(dir.File("data"));

        var report = new PipelineSweep().Run(model, [new PipelineTemplate("prune-conv-l1{amount=$x scope=layer}")], [0, 0.5], data, progress: new SynchronousProgress(steps.Add));

        // amount 0 changes nothing, so the baseline's metrics are reused rather than evaluated again.
        Assert.Equal(["baseline", "prune-conv-l1{amount=0.5 scope=layer}"], steps);
        Assert.Equal([0, 0.5], report.Points.Select(p => p.Value));
        Assert.Equal("amount", report.Parameter);
        Assert.Equal(3, report.Images);

        // amount 0 leaves the model as it was; amount 0.5 zeroes half the Conv weights and moves the box.
        Assert.Equal(report.Baseline.Map50_95, report.Points[0].Metrics.Map50_95);
        Assert.Equal(0, report.Points[0].ConvSparsity);
        Assert.Equal(0.5, report.Points[1].ConvSparsity);
        Assert.NotEqual(report.Baseline.Map50_95, report.Points[1].Metrics.Map50_95);
    }

    [Fact]
    public void Csv_has_a_header_a_baseline_row_and_quoted_pipelines()
    {
        using var dir = new TempDirectory();
        var report = RunSweep(dir);
        string csv = SweepFiles.ToCsv(report);
        var lines = csv.TrimEnd('\n').Split('\n');

        Assert.Equal(string.Join(",", SweepFiles.CsvColumns), lines[0]);
        Assert.StartsWith("baseline,,,,,", lines[1], StringComparison.Ordinal);
        Assert.Equal(1 + 1 + 4, lines.Length);
        Assert.StartsWith("prune-conv-l1{amount=$x scope=layer},0,\"prune-conv-l1{amount=0 scope=layer", lines[2], StringComparison.Ordinal);
        Assert.Contains("include=\"\"\"\"", lines[2], StringComparison.Ordinal);
        Assert.Equal("\"a,b\"", SweepFiles.CsvField("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", SweepFiles.CsvField("say \"hi\""));
        Assert.Equal("plain", SweepFiles.CsvField("plain"));
    }

    [Fact]
    public void Json_and_csv_files_are_written_and_agree()
    {
        using var dir = new TempDirectory();
        var report = RunSweep(dir);
        string json = dir.File("sweep.json"), csv = dir.File("sweep.csv");
        SweepFiles.WriteJson(json, report);
        SweepFiles.WriteCsv(csv, report);

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var points = document.RootElement.GetProperty("points");
        Assert.Equal(4, points.GetArrayLength());
        Assert.Equal("prune-conv-l1{amount=$x scope=global}", points[3].GetProperty("template").GetString());
        Assert.Equal(report.Points[3].Metrics.Map50_95, points[3].GetProperty("map50_95").GetDouble());
        Assert.Equal(report.Baseline.Map50, document.RootElement.GetProperty("baseline").GetProperty("map50").GetDouble());
        Assert.Equal(SweepFiles.ToCsv(report), File.ReadAllText(csv));
    }

    [Fact]
    public void Parameter_name_comes_from_the_templates()
    {
        Assert.Equal("amount", PipelineSweep.ParameterName([new("prune-conv-l1{amount=$x}"), new("a{amount=$x scope=global}")]));
        Assert.Equal("x", PipelineSweep.ParameterName([new("a{amount=$x}"), new("b{size-threshold=$x}")]));
        Assert.Equal("size-threshold", PipelineSweep.ParameterName([new("fold-constants{size-threshold=$x}")]));
    }

    [Fact]
    public void A_template_that_does_not_build_fails_before_any_evaluation()
    {
        using var dir = new TempDirectory();
        var steps = new List<string>();
        Assert.Throws<PipelineException>(() => new PipelineSweep().Run(dir.File("missing.onnx"), [new PipelineTemplate("no-such-pass{amount=$x}")], [0.1], dir.Path, progress: new SynchronousProgress(steps.Add)));
        Assert.Empty(steps);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
