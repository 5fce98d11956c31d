using System.Text.Json.Nodes;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

/// <summary>quantize-int8 and dequantize through optimize and batch, with calibration data on disk.</summary>
public sealed class QuantizationCommandTests
{
    /// <summary>Writes <paramref name="count"/> seeded [1,3,64,64] inputs as serialized TensorProto files.</summary>
    private static string CalibrationFolder(TempDirectory temp, int count)
    {
        string folder = temp.File("calibration");
        Directory.CreateDirectory(folder);
        var model = TestModels.SmallYolo();
        var generator = new InputGenerator { Seed = 4 };
        for (int i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"{i:D2}.pb"), TensorSerialization.ToBytes(generator.Generate(model, i).Values.Single()));
        }

        return folder;
    }

    [Fact]
    public void Optimize_quantizes_with_calibration_data_and_reports_the_samples_and_scales()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("m.onnx"));
        string data = CalibrationFolder(temp, 5);
        string output = temp.File("q.onnx");
        string report = temp.File("r.json");

        var run = CliRun.Of("optimize", model, "-o", output, "-p", "quantize-int8", "--calibration-data", data, "--calibration-limit", "3", "--report", report);

        Assert.True(run.ExitCode == 0, run.Error);
        var quantized = ModelReader.Load(output);
        Assert.Contains(quantized.Graph.Nodes, n => n.OpType == "QuantizeLinear");
        string json = File.ReadAllText(report);
        Assert.Contains("\"calibration-samples\": 3", json, StringComparison.Ordinal);
        Assert.Contains("3 of 5 files", json, StringComparison.Ordinal);
        Assert.Contains("zero-point", json, StringComparison.Ordinal);
        Assert.Contains("feeds decoding", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Dequantize_turns_the_quantized_model_back_into_float_ops()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("m.onnx"));
        string quantized = temp.File("q.onnx");
        Assert.Equal(0, CliRun.Of("optimize", model, "-o", quantized, "-p", "quantize-int8", "--calibration-data", CalibrationFolder(temp, 2)).ExitCode);

        var run = CliRun.Of("optimize", quantized, "-o", temp.File("d.onnx"), "-p", "dequantize");

        Assert.True(run.ExitCode == 0, run.Error);
        var nodes = ModelReader.Load(temp.File("d.onnx")).Graph.Nodes;
        Assert.DoesNotContain(nodes, n => n.OpType is "QuantizeLinear" or "DequantizeLinear");
        Assert.Equal(ModelReader.Load(model).Graph.Nodes.Count(n => n.OpType == "Conv"), nodes.Count(n => n.OpType == "Conv"));
    }

    [Fact]
    public void Batch_passes_the_calibration_data_to_every_model()
    {
        using var temp = new TempDirectory();
        string folder = temp.File("models");
        Directory.CreateDirectory(folder);
        TestModels.Save(TestModels.SmallYolo(), Path.Combine(folder, "a.onnx"));
        TestModels.Save(TestModels.SmallYolo(), Path.Combine(folder, "b.onnx"));
        string outDir = temp.File("out");

        var run = CliRun.Of("batch", folder, "--out", outDir, "--preset", "int8-tensorrt", "--calibration-data", CalibrationFolder(temp, 2), "--jobs", "2");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.All(Directory.GetFiles(outDir), f => Assert.Contains(ModelReader.Load(f).Graph.Nodes, n => n.OpType == "DequantizeLinear"));
    }

    [Fact]
    public void Missing_calibration_data_is_one_error_line()
    {
        using var temp = new TempDirectory();
        string model = TestModels.Save(TestModels.SmallYolo(), temp.File("m.onnx"));

        var run = CliRun.Of("optimize", model, "-o", temp.File("q.onnx"), "--preset", "int8-cpu");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["error: quantize-int8 needs calibration data: pass --calibration-data PATH (a folder of images, .npy or .pb tensors)"], run.ErrorLines);

        var usage = CliRun.Of("optimize", model, "-o", temp.File("q.onnx"), "-p", "quantize-int8", "--calibration-data", temp.File("nowhere"));
        Assert.Equal(2, usage.ExitCode);
        Assert.Single(usage.ErrorLines);
        Assert.StartsWith("error: --calibration-data:", usage.ErrorLines[0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Real_export_quantizes_on_coco_images()
    {
        string? model = SharedData.UltralyticsModel("yolov8n-seg_320.onnx");
        string? images = SharedData.Find(Path.Combine("datasets", "coco128-dev", "images"));
        Skip.If(model is null || images is null, SharedData.MissingMessage);
        using var temp = new TempDirectory();

        var run = CliRun.Of("optimize", model, "-o", temp.File("q.onnx"), "-p", "quantize-int8", "--calibration-data", images, "--calibration-limit", "2", "--report", temp.File("r.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonNode.Parse(File.ReadAllText(temp.File("r.json")))!.ToJsonString();
        Assert.Contains("2 of 32 files", report, StringComparison.Ordinal);
        using var runner = new OrtRunner(temp.File("q.onnx"));
        Assert.Equal(2, runner.OutputNames.Count);
    }
}
