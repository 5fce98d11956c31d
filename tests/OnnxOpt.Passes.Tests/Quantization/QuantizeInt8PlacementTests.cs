using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Quantization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Quantization;

public sealed class QuantizeInt8PlacementTests
{
    /// <summary>x -> Conv -> SiLU -> MaxPool -> Concat(with SiLU) -> Conv(head) -> Reshape to 3-D -> Sigmoid -> y.</summary>
    private static Model SmallDetector()
    {
        var net = new Net(opset: 17);
        var x = net.Input("x", 1, 3, 8, 8);
        var w1 = net.Const("w1", Enumerable.Range(0, 4 * 3 * 9).Select(i => ((i * 7 % 11) - 5) / 10f).ToArray(), 4, 3, 3, 3);
        var b1 = net.Const("b1", [0.1f, -0.2f, 0.3f, 0f], 4);
        var conv = net.Op("Conv", [x, w1, b1], [1, 4, 8, 8], NodeAttribute.Ints("pads", 1, 1, 1, 1));
        var silu = net.Op("Mul", [conv, net.Op("Sigmoid", [conv], [1, 4, 8, 8])], [1, 4, 8, 8]);
        var pool = net.Op("MaxPool", [silu], [1, 4, 8, 8], NodeAttribute.Ints("kernel_shape", 3, 3), NodeAttribute.Ints("pads", 1, 1, 1, 1));
        var concat = net.Op("Concat", [silu, pool], [1, 8, 8, 8], NodeAttribute.Int("axis", 1));
        var w2 = net.Const("w2", Enumerable.Range(0, 2 * 8).Select(i => ((i * 5 % 7) - 3) / 5f).ToArray(), 2, 8, 1, 1);
        var head = net.Op("Conv", [concat, w2], [1, 2, 8, 8]);
        var reshaped = net.Op("Reshape", [head, net.Ints("shape", 1, 2, 64)], [1, 2, 64]);
        net.Output(net.Op("Sigmoid", [reshaped], [1, 2, 64]), "y");
        return net.Model;
    }

    private static Node Producer(Model model, string opType, int index = 0) => model.Graph.Nodes.Where(n => n.OpType == opType).ElementAt(index);

    private static Node? DqFeeding(Node node, int input) => node.Input(input)?.Producer is { OpType: "DequantizeLinear" } dq ? dq : null;

    [Fact]
    public void Ort_target_quantizes_backbone_ops_and_keeps_the_head_and_decoding_float()
    {
        var model = SmallDetector();
        var context = QuantTestSupport.Run(model);
        var first = Producer(model, "Conv", 0);
        var head = Producer(model, "Conv", 1);

        Assert.NotNull(DqFeeding(first, 0));
        Assert.Equal(DataType.Int8, DqFeeding(first, 1)!.Input(0)!.ConstValue!.DataType);
        Assert.Equal(DataType.Int32, DqFeeding(first, 2)!.Input(0)!.ConstValue!.DataType);
        Assert.Equal(DataType.Float, head.Input(1)!.ConstValue!.DataType);
        Assert.Null(DqFeeding(Producer(model, "Sigmoid", 1), 0));
        Assert.All(model.Graph.Nodes.Where(n => n.OpType == "Mul" || n.OpType == "MaxPool"), n => Assert.NotNull(DqFeeding(n, 0)));
        Assert.Equal(1, context.Statistics.Get("layers-kept-float"));
        Assert.Contains(context.Statistics.FindTable("kept-float")!.Rows, r => r is KeptFloatRow { Reason: "feeds decoding" });
    }

    [Fact]
    public void Concat_and_maxpool_share_one_scale_with_their_inputs()
    {
        var model = SmallDetector();
        QuantTestSupport.Run(model);
        var concat = Producer(model, "Concat");
        var pool = Producer(model, "MaxPool");
        var scales = concat.Inputs.Select(i => i!.Producer!.Input(1)!.ConstValue!.ToArray<float>()[0])
            .Append(pool.Input(0)!.Producer!.Input(1)!.ConstValue!.ToArray<float>()[0])
            .Append(concat.Output().Uses.Single().Node.Input(1)!.ConstValue!.ToArray<float>()[0])
            .ToList();
        Assert.Single(scales.Distinct());
    }

    [Fact]
    public void TensorRt_target_uses_symmetric_int8_activations_float_biases_and_input_only_placement()
    {
        var model = SmallDetector();
        QuantTestSupport.Run(model, new QuantizeInt8Options { Target = QuantTarget.TensorRt });
        var activations = model.Graph.Nodes.Where(n => n.OpType == "QuantizeLinear").ToList();
        Assert.NotEmpty(activations);
        Assert.All(activations, q => Assert.Equal(DataType.Int8, q.Input(2)!.ConstValue!.DataType));
        Assert.All(activations, q => Assert.Equal(0, q.Input(2)!.ConstValue!.ToArray<sbyte>()[0]));
        Assert.Equal(DataType.Float, Producer(model, "Conv").Input(2)!.ConstValue!.DataType);
        Assert.Null(DqFeeding(Producer(model, "Sigmoid", 0), 0));
    }

    [Fact]
    public void Exclude_keeps_matching_layers_float_and_per_tensor_weights_have_one_scale()
    {
        var model = SmallDetector();
        var first = Producer(model, "Conv").Name;
        var context = QuantTestSupport.Run(model, new QuantizeInt8Options { Exclude = $"^{first}$" });
        Assert.Equal(DataType.Float, Producer(model, "Conv").Input(1)!.ConstValue!.DataType);
        Assert.Contains(context.Statistics.FindTable("kept-float")!.Rows, r => r is KeptFloatRow { Reason: "excluded" });

        var perTensor = SmallDetector();
        QuantTestSupport.Run(perTensor, new QuantizeInt8Options { PerChannel = false });
        Assert.Equal(1, DqFeeding(Producer(perTensor, "Conv"), 1)!.Input(1)!.ConstValue!.ElementCount);
    }

    [Fact]
    public void Quantized_model_stays_close_to_the_float_model()
    {
        var original = SmallDetector();
        var quantized = Equivalence.Clone(original);
        QuantTestSupport.Run(quantized, samples: 8);
        Assert.InRange(QuantTestSupport.SnrDb(original, quantized, seed: 99), 25, double.PositiveInfinity);
    }

    [Fact]
    public void Refuses_without_calibration_data_or_on_a_quantized_model()
    {
        var model = SmallDetector();
        var error = Assert.Throws<QuantizationException>(() => new QuantizeInt8().Run(model, new PassContext()));
        Assert.Contains("--calibration-data", error.Message, StringComparison.Ordinal);

        QuantTestSupport.Run(model);
        var again = Assert.Throws<QuantizationException>(() => QuantTestSupport.Run(model));
        Assert.Contains("dequantize", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Old_opsets_are_converted_to_13_with_a_note()
    {
        var net = new Net(opset: 11);
        var x = net.Input("x", 1, 2, 4, 4);
        var w = net.Const("w", Enumerable.Range(0, 8).Select(i => i / 8f - 0.4f).ToArray(), 4, 2, 1, 1);
        net.Output(net.Op("Conv", [x, w], [1, 4, 4, 4]), "y");
        var model = net.Model;
        var context = QuantTestSupport.Run(model);
        Assert.Equal(13, model.GetOpset());
        Assert.Contains(context.Diagnostics, d => d.Message.Contains("opset 11 to 13", StringComparison.Ordinal));
        Assert.InRange(QuantTestSupport.SnrDb(net.Model, model, seed: 5), 25, double.PositiveInfinity);
    }

    [Fact]
    public void Onnx_runtime_fuses_every_quantized_conv_of_a_yolov8_graph_into_an_integer_conv()
    {
        using var temp = new TempDirectory();
        var model = YoloV8Generator.Generate(new YoloV8Options { ImageSize = 64, Seed = 2 });
        QuantTestSupport.Run(model, samples: 2);
        int quantizedConvs = model.Graph.Nodes.Count(n => n.OpType == "Conv" && DqFeeding(n, 1) is not null);
        Assert.True(quantizedConvs > 50, $"{quantizedConvs} quantized Convs");

        string optimized = temp.File("optimized.onnx");
        using (new OrtRunner(model, new OrtRunOptions { OptimizationLevel = 2, OptimizedModelPath = optimized }))
        {
        }

        var fused = ModelReader.Load(optimized).Graph.Nodes;
        Assert.Equal(quantizedConvs, fused.Count(n => n.OpType == "QLinearConv"));
        Assert.DoesNotContain(fused, n => n.OpType is "ConvInteger" or "DynamicQuantizeLinear");
    }
}
