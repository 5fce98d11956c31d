using System.Numerics.Tensors;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests.Fixtures;

public sealed class YoloV8GeneratorTests(NanoModelFixture nano) : IClassFixture<NanoModelFixture>
{
    [Fact]
    public void Nano_at_640_has_the_shape_and_node_counts_of_the_real_export()
    {
        var model = nano.Model;
        Assert.Empty(GraphVerifier.Verify(model));
        Assert.Equal(233, model.Graph.Nodes.Count);
        Assert.Equal(64, model.Graph.Nodes.Count(n => n.OpType == "Conv"));
        var input = Assert.Single(model.Graph.Inputs);
        Assert.Equal(("images", DataType.Float, Shape.Of(1, 3, 640, 640)), (input.Name, input.ElementType, input.Shape));
        var output = Assert.Single(model.Graph.Outputs);
        Assert.Equal(("output0", DataType.Float, Shape.Of(1, 84, 8400)), (output.Name, output.ElementType, output.Shape));
        Assert.Equal(17, model.GetOpset());
        Assert.Equal(8, model.IrVersion);
    }

    [Fact]
    public void Export_node_and_initializer_names_are_present()
    {
        var graph = nano.Model.Graph;
        var names = graph.Nodes.Select(n => n.Name).ToHashSet();
        string[] expected =
        [
            "/model.0/conv/Conv", "/model.0/act/Sigmoid", "/model.0/act/Mul", "/model.2/cv1/conv/Conv", "/model.2/Split",
            "/model.2/m.0/cv1/conv/Conv", "/model.2/m.0/Add", "/model.2/Concat", "/model.9/m/MaxPool", "/model.9/m_2/MaxPool",
            "/model.10/Resize", "/model.11/Concat", "/model.22/cv2.0/cv2.0.0/conv/Conv", "/model.22/cv3.0/cv3.0.2/Conv",
            "/model.22/dfl/Reshape", "/model.22/dfl/Transpose", "/model.22/dfl/Softmax", "/model.22/dfl/conv/Conv",
            "/model.22/Slice", "/model.22/Sub", "/model.22/Add_1", "/model.22/Div_1", "/model.22/Mul_2", "/model.22/Sigmoid", "/model.22/Concat_3",
        ];
        Assert.All(expected, name => Assert.Contains(name, names));
        Assert.Equal(names.Count, graph.Nodes.Count);

        var conv = graph.Nodes.Single(n => n.Name == "/model.0/conv/Conv");
        Assert.Equal(["images", "model.0.conv.weight", "model.0.conv.bias"], conv.Inputs.Select(v => v!.Name));
        Assert.Equal("/model.0/conv/Conv_output_0", conv.Output().Name);
        var mul = graph.Nodes.Single(n => n.Name == "/model.0/act/Mul");
        Assert.Equal([conv.Output(), graph.Nodes.Single(n => n.Name == "/model.0/act/Sigmoid").Output()], mul.Inputs);

        var resize = graph.Nodes.Single(n => n.Name == "/model.10/Resize");
        Assert.Equal("nearest", resize.GetString("mode", ""));
        Assert.Null(resize.Inputs[1]);
        Assert.Equal([1f, 1f, 2f, 2f], resize.Inputs[2]!.ConstValue!.ToArray<float>());

        var anchors = graph.Nodes.Single(n => n.Name == "/model.22/Sub").Inputs[0]!.ConstValue!;
        Assert.Equal([1L, 2, 8400], anchors.Dims);
        var strides = graph.Nodes.Single(n => n.Name == "/model.22/Mul_2").Inputs[1]!.ConstValue!.ToArray<float>();
        Assert.Equal(6400, strides.Count(s => s == 8f));
        Assert.Equal(1600, strides.Count(s => s == 16f));
        Assert.Equal(400, strides.Count(s => s == 32f));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (float)i), graph.FindValue("model.22.dfl.conv.weight")!.ConstValue!.ToArray<float>());
        Assert.All(graph.Nodes.Where(n => n.OpType == "Conv" && n.Name != "/model.22/dfl/conv/Conv"), n => Assert.Equal(3, n.Inputs.Count));
    }

    [SkippableFact]
    public void Nano_matches_the_real_export_layer_for_layer()
    {
        string? path = SharedData.UltralyticsModel("yolov8n.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        var real = ModelReader.Load(path!);
        var generated = nano.Model;

        // The real file names the DFL conv after its output (a quirk of the tool that recovered it).
        static string Canonical(string name) => name == "/model.22/dfl/conv/Conv_output_0" ? "/model.22/dfl/conv/Conv" : name;
        Assert.Equal(real.Graph.Nodes.Select(n => Canonical(n.Name)).Order(), generated.Graph.Nodes.Select(n => n.Name).Order());
        Assert.Equal(Histogram(real), Histogram(generated));

        var generatedNodes = generated.Graph.Nodes.ToDictionary(n => n.Name);
        foreach (var realNode in real.Graph.Nodes)
        {
            var node = generatedNodes[Canonical(realNode.Name)];
            Assert.Equal(realNode.OpType, node.OpType);
            Assert.Equal(realNode.Inputs.Count, node.Inputs.Count);
            Assert.Equal(realNode.Attributes.Select(a => a.ToString()).Order(), node.Attributes.Select(a => a.ToString()).Order());
            for (int i = 0; i < realNode.Inputs.Count; i++)
            {
                if (realNode.Inputs[i]?.ConstValue is { } realConst)
                {
                    Assert.Equal(realConst.Dims, node.Inputs[i]!.ConstValue!.Dims);
                }
            }
        }

        Assert.Equal(
            real.Graph.Initializers.Where(v => v.Name.StartsWith("model.", StringComparison.Ordinal)).Select(v => v.Name).Order(),
            generated.Graph.Initializers.Where(v => v.Name.StartsWith("model.", StringComparison.Ordinal)).Select(v => v.Name).Order());
    }

    [Theory]
    [InlineData(YoloV8Size.N, 640, 8400, 6, 2, 3_151_904)]
    [InlineData(YoloV8Size.S, 160, 525, 6, 2, 11_156_544)]
    [InlineData(YoloV8Size.M, 160, 525, 12, 4, 25_886_080)]
    public void Sizes_follow_ultralytics_scaling_and_run_in_onnx_runtime(
        YoloV8Size size, int imageSize, long anchors, int backboneBottlenecks, int layer4Bottlenecks, long fusedParameters)
    {
        var model = size == YoloV8Size.N && imageSize == 640 ? nano.Model : YoloV8Generator.Generate(new YoloV8Options { Size = size, ImageSize = imageSize });
        Assert.DoesNotContain(GraphVerifier.Verify(model), d => d.IsError);

        // Depth: residual Adds of the backbone C2f blocks; width: Ultralytics' "summary (fused)" parameter count,
        // every Conv weight and bias (the DFL's 16 included).
        var nodes = model.Graph.Nodes;
        bool IsBottleneckAdd(Node n, string prefix) => n.OpType == "Add" && n.Name.StartsWith(prefix, StringComparison.Ordinal) && n.Name.EndsWith("/Add", StringComparison.Ordinal);
        Assert.Equal(backboneBottlenecks, nodes.Count(n => IsBottleneckAdd(n, "/model.") && !n.Name.StartsWith("/model.22", StringComparison.Ordinal)));
        Assert.Equal(layer4Bottlenecks, nodes.Count(n => IsBottleneckAdd(n, "/model.4/m.")));
        Assert.Equal(fusedParameters, nodes.Where(n => n.OpType == "Conv").Sum(n => n.Inputs.Skip(1).Sum(v => v!.ConstValue!.ElementCount)));

        var output = Run(model, new InputGenerator { Seed = 5 })["output0"];
        Assert.Equal([1L, 84, anchors], output.Dims);
        var values = output.Span<float>();
        Assert.True(float.IsFinite(TensorPrimitives.Sum(values)), "output has NaN or infinity");
        var scores = values[(int)(4 * anchors)..];
        Assert.InRange(TensorPrimitives.Min(scores), 0f, 0.01f);
        Assert.InRange(TensorPrimitives.Max(scores), 0f, 1f);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_models()
    {
        var options = new YoloV8Options { ImageSize = 96, Seed = 42 };
        Assert.Equal(ModelWriter.ToBytes(YoloV8Generator.Generate(options)), ModelWriter.ToBytes(YoloV8Generator.Generate(options)));
    }

    [Fact]
    public void Different_seeds_give_different_weights_on_the_same_graph()
    {
        var a = YoloV8Generator.Generate(new YoloV8Options { ImageSize = 96, Seed = 1 });
        var b = YoloV8Generator.Generate(new YoloV8Options { ImageSize = 96, Seed = 2 });
        Assert.Equal(a.Graph.Nodes.Select(n => (n.Name, n.OpType)), b.Graph.Nodes.Select(n => (n.Name, n.OpType)));
        var weights = a.Graph.Initializers.Where(v => v.Name.EndsWith(".weight", StringComparison.Ordinal) && !v.Name.Contains("dfl", StringComparison.Ordinal)).ToList();
        Assert.Equal(63, weights.Count);
        Assert.All(weights, w => Assert.False(w.ConstValue!.ContentEquals(b.Graph.FindValue(w.Name)!.ConstValue!), $"{w.Name} is the same for both seeds"));
    }

    [Fact]
    public void Metadata_is_written_as_ultralytics_does()
    {
        var model = nano.Model;
        Assert.Equal("detect", model.GetMetadata("task"));
        Assert.Equal("[640, 640]", model.GetMetadata("imgsz"));
        Assert.Equal("32", model.GetMetadata("stride"));
        Assert.NotNull(model.GetMetadata("description"));
        Assert.NotNull(model.GetMetadata("author"));
        var names = UltralyticsInfo.ParseNames(model.GetMetadata("names")!);
        Assert.NotNull(names);
        Assert.Equal(80, names!.Count);
        Assert.Equal(("person", "toothbrush"), (names[0], names[79]));
    }

    [Fact]
    public void Class_count_shapes_the_head_and_names()
    {
        var model = YoloV8Generator.Generate(new YoloV8Options { ImageSize = 128, NumClasses = 3 });
        Assert.Equal("{0: 'class0', 1: 'class1', 2: 'class2'}", model.GetMetadata("names"));
        Assert.Equal(Shape.Of(1, 7, 336), model.Graph.Outputs[0].Shape);
        Assert.Equal([1L, 7, 336], Run(model, new InputGenerator())["output0"].Dims);
    }

    [Fact]
    public void Dynamic_variant_runs_at_320_and_computes_what_the_static_model_does()
    {
        var dynamic = YoloV8Generator.Generate(new YoloV8Options { DynamicShape = true });
        Assert.Empty(GraphVerifier.Verify(dynamic));
        Assert.Equal("[batch,3,height,width]", dynamic.Graph.Inputs[0].Shape!.ToString());
        Assert.Equal("[batch,84,anchors]", dynamic.Graph.Outputs[0].Shape!.ToString());
        Assert.Contains(dynamic.Graph.Nodes, n => n.OpType == "Range");
        Assert.Contains(dynamic.Graph.Nodes, n => n.OpType == "ConstantOfShape");

        var inputs = new InputGenerator { Seed = 9, Dims = new Dictionary<string, long> { ["batch"] = 1, ["height"] = 320, ["width"] = 320 } };
        var actual = Run(dynamic, inputs)["output0"];
        Assert.Equal([1L, 84, 2100], actual.Dims);

        // The same seed gives the same weights, so the static 320 model must agree with the dynamic one.
        var expected = Run(YoloV8Generator.Generate(new YoloV8Options { ImageSize = 320 }), inputs)["output0"];
        var e = expected.Span<float>();
        var a = actual.Span<float>();
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-3f * (1 + Math.Abs(e[i])), $"element {i}: {a[i]} vs {e[i]}");
        }

        var batch2 = inputs with { Dims = new Dictionary<string, long> { ["batch"] = 2, ["height"] = 256, ["width"] = 192 } };
        Assert.Equal([2L, 84, 768 + 192 + 48], Run(dynamic, batch2)["output0"].Dims);
    }

    [Fact]
    public void Opset_20_export_runs()
    {
        var model = YoloV8Generator.Generate(new YoloV8Options { ImageSize = 64, Opset = 20 });
        Assert.Equal((20L, 9L), (model.GetOpset()!.Value, model.IrVersion));
        Assert.Equal([1L, 84, 84], Run(model, new InputGenerator())["output0"].Dims);
    }

    [Theory]
    [InlineData(100, 80, 17)]
    [InlineData(0, 80, 17)]
    [InlineData(640, 0, 17)]
    [InlineData(640, 80, 12)]
    [InlineData(640, 80, 22)]
    public void Invalid_options_are_refused(int imageSize, int classes, long opset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => YoloV8Generator.Generate(new YoloV8Options { ImageSize = imageSize, NumClasses = classes, Opset = opset }));

    private static Dictionary<string, int> Histogram(Model model) =>
        model.Graph.Nodes.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());

    private static IReadOnlyDictionary<string, IR.Tensor> Run(Model model, InputGenerator inputs) => OrtRunner.RunOnce(model, inputs.Generate(model));
}
