using System.Text.Json;
using OnnxOpt.Fixtures.Small;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Cli.Tests;

public sealed class InspectCommandTests
{
    [Fact]
    public void Without_a_model_it_inspects_the_generated_default_and_says_so()
    {
        var run = CliRun.Of("inspect");
        Assert.Equal(0, run.ExitCode);
        var note = Assert.Single(run.ErrorLines);
        Assert.Contains("built-in default", note, StringComparison.Ordinal);
        Assert.Contains("YOLOv8n", note, StringComparison.Ordinal);
        foreach (string expected in new[] { "<built-in YOLOv8n>", "IR version", "detect", "640 x 640", "images", "[1, 3, 640, 640]", "output0", "[1, 84, 8400]", "Conv", "parameters", "3,177,134", "float" })
        {
            Assert.Contains(expected, run.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public void Json_reports_the_default_model_exactly()
    {
        var run = CliRun.Of("inspect", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var model = YoloV8Generator.Generate(new YoloV8Options());

        Assert.Equal(8, root.GetProperty("irVersion").GetInt64());
        Assert.Equal(17, root.GetProperty("opsets").GetProperty("").GetInt64());
        Assert.Equal(233, root.GetProperty("nodes").GetInt32());
        Assert.Equal(64, root.GetProperty("opTypes").GetProperty("Conv").GetInt32());
        Assert.Equal(233, root.GetProperty("opTypes").EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(model.Graph.Initializers.Count, root.GetProperty("initializers").GetInt32());
        Assert.Equal(model.Graph.Initializers.Sum(v => v.ConstValue!.ElementCount), root.GetProperty("parameters").GetInt64());
        Assert.Equal(
            model.Graph.Initializers.Where(v => v.ElementType == DataType.Float).Sum(v => v.ConstValue!.ByteLength),
            root.GetProperty("weightBytesByType").GetProperty("float").GetInt64());
        Assert.Equal(ModelWriter.ToBytes(model).LongLength, root.GetProperty("fileSize").GetInt64());
        Assert.Equal("detect", root.GetProperty("metadata").GetProperty("task").GetString());
        Assert.Equal(80, root.GetProperty("ultralytics").GetProperty("classes").GetInt32());
        Assert.Equal(32, root.GetProperty("ultralytics").GetProperty("stride").GetInt32());

        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal("images", input.GetProperty("name").GetString());
        Assert.Equal("float", input.GetProperty("elemType").GetString());
        Assert.Equal([1, 3, 640, 640], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));

        // The DFL conv's fixed weights 0..15 hold the only exact zero.
        long convWeights = model.Graph.Nodes.Where(n => n.OpType == "Conv").Sum(n => n.Inputs[1]!.ConstValue!.ElementCount);
        Assert.Equal(convWeights, root.GetProperty("convWeights").GetInt64());
        Assert.Equal(1, root.GetProperty("convZeroWeights").GetInt64());
        Assert.Equal(1.0 / convWeights, root.GetProperty("convWeightSparsity").GetDouble(), 1e-15);
        Assert.False(root.TryGetProperty("layers", out _));
    }

    [SkippableFact]
    public void Json_of_the_real_yolov8n_export()
    {
        string? path = SharedData.UltralyticsModel("yolov8n.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        var run = CliRun.Of("inspect", path!, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var model = ModelReader.Load(path!);

        Assert.Equal(233, root.GetProperty("nodes").GetInt32());
        Assert.Equal(64, root.GetProperty("opTypes").GetProperty("Conv").GetInt32());
        Assert.Equal(20, root.GetProperty("opsets").GetProperty("").GetInt64());
        Assert.Equal(model.Graph.Initializers.Sum(v => v.ConstValue!.ElementCount), root.GetProperty("parameters").GetInt64());
        Assert.Equal(new FileInfo(path!).Length, root.GetProperty("fileSize").GetInt64());
        Assert.Equal(80, root.GetProperty("ultralytics").GetProperty("classes").GetInt32());
        Assert.Equal([640, 640], root.GetProperty("ultralytics").GetProperty("imgsz").EnumerateArray().Select(d => d.GetInt32()));

        // Weights dequantized from 8 bits: zeros are where the quantized value equalled the zero point.
        long zeros = model.Graph.Nodes.Where(n => n.OpType == "Conv").Select(n => n.Inputs[1]!.ConstValue!).Distinct()
            .Sum(t => t.ToArray<float>().LongCount(v => v == 0));
        Assert.Equal(zeros, root.GetProperty("convZeroWeights").GetInt64());
        Assert.InRange(root.GetProperty("convWeightSparsity").GetDouble(), 0.01, 0.5);
    }

    [Fact]
    public void Symbolic_dims_are_strings_in_json()
    {
        using var temp = new TempDirectory();
        string path = TestModels.Save(YoloV8Generator.Generate(new YoloV8Options { ImageSize = 64, DynamicShape = true }), temp.File("dynamic.onnx"));
        var run = CliRun.Of("inspect", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var shape = json.RootElement.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().ToList();
        Assert.Equal(("batch", 3, "height", "width"), (shape[0].GetString(), shape[1].GetInt32(), shape[2].GetString(), shape[3].GetString()));
        Assert.Equal("anchors", json.RootElement.GetProperty("outputs")[0].GetProperty("shape")[2].GetString());
    }

    [Fact]
    public void Layers_list_every_conv_with_its_sparsity()
    {
        using var temp = new TempDirectory();
        string path = TestModels.Save(TestModels.SparseConv(), temp.File("sparse.onnx"));

        var text = CliRun.Of("inspect", path, "--layers");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Conv layers", text.Out, StringComparison.Ordinal);
        Assert.Contains("[2, 1, 2, 2]", text.Out, StringComparison.Ordinal);
        Assert.Contains("37.5 %", text.Out, StringComparison.Ordinal);

        var run = CliRun.Of("inspect", path, "--json", "--layers");
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(0.375, json.RootElement.GetProperty("convWeightSparsity").GetDouble());
        var layer = Assert.Single(json.RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal("conv", layer.GetProperty("name").GetString());
        Assert.Equal([2, 1, 2, 2], layer.GetProperty("weightShape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(8, layer.GetProperty("parameters").GetInt32());
        Assert.Equal(3, layer.GetProperty("zeroWeights").GetInt32());
        Assert.Equal(0.375, layer.GetProperty("sparsity").GetDouble());
    }

    [Fact]
    public void Layers_of_the_default_model()
    {
        var run = CliRun.Of("inspect", "--json", "--layers");
        using var json = JsonDocument.Parse(run.Out);
        var layers = json.RootElement.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(64, layers.Count);
        Assert.Equal("/model.0/conv/Conv", layers[0].GetProperty("name").GetString());
        Assert.Equal([16, 3, 3, 3], layers[0].GetProperty("weightShape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(16 * 27 + 16, layers[0].GetProperty("parameters").GetInt32());
    }

    [Fact]
    public void Models_with_subgraphs_count_their_nodes_separately()
    {
        using var temp = new TempDirectory();
        string path = TestModels.Save(SmallModels.IfBranches(), temp.File("if.onnx"));
        var run = CliRun.Of("inspect", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(1, json.RootElement.GetProperty("nodes").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("totalNodes").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("initializers").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ultralytics").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("inputs")[0].GetProperty("shape").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("inputs")[0].GetProperty("shape").GetArrayLength());
    }

    [Fact]
    public void Model_text_is_not_read_as_markup()
    {
        var model = SmallModels.AddChain();
        model.SetMetadata("note", "[red]not a style[/] [[x]]");
        using var temp = new TempDirectory();
        var run = CliRun.Of("inspect", TestModels.Save(model, temp.File("markup.onnx")));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[red]not a style[/] [[x]]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_also_reports_how_long_the_analysis_took()
    {
        using var temp = new TempDirectory();
        string path = TestModels.Save(SmallModels.AddChain(), temp.File("add.onnx"));
        var quiet = CliRun.Of("inspect", path);
        var verbose = CliRun.Of("inspect", path, "--verbose");
        Assert.Equal((0, 0), (quiet.ExitCode, verbose.ExitCode));
        Assert.Empty(quiet.ErrorLines);
        Assert.Matches("^note: loaded and analysed .*add.onnx in [0-9]+ ms$", Assert.Single(verbose.ErrorLines));
        Assert.Equal(quiet.Out, verbose.Out);
    }
}
