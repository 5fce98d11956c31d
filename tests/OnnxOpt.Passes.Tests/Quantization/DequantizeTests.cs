using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Quantization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Quantization;

public sealed class DequantizeTests
{
    [SkippableFact]
    public void The_dynamically_quantized_export_dequantizes_to_the_float_export_exactly()
    {
        string? dynamic = SharedData.UltralyticsModel("yolov8n_int8_dynamic.onnx");
        string? reference = SharedData.UltralyticsModel("yolov8n.onnx");
        Skip.If(dynamic is null || reference is null, SharedData.MissingMessage);
        var model = ModelReader.Load(dynamic);
        var context = new PassContext();

        Assert.True(new Dequantize().Run(model, context).Changed);

        Assert.Equal(64, context.Statistics.Get("integer-ops-dequantized"));
        Assert.DoesNotContain(model.Graph.Nodes, n => n.OpType is "ConvInteger" or "MatMulInteger" or "DynamicQuantizeLinear" or "Cast");
        Assert.Empty(context.Diagnostics);

        // The float export was made from this file by exact dequantization, so the numbers agree to rounding.
        Equivalence.AssertSameOutputs(ModelReader.Load(reference), model, atol: 1e-4, rtol: 1e-4);
    }

    [Fact]
    public void QLinearConv_becomes_dq_conv_q_with_the_same_numbers()
    {
        var net = new Net(opset: 13);
        var x = net.Input("x", 1, 2, 4, 4);
        var xs = net.Const("xs", [0.02f]);
        var xz = net.Builder.Constant("xz", Tensor.Scalar((byte)10));
        var xq = net.Op("QuantizeLinear", [x, xs, xz]);
        var w = net.Builder.Constant("w", Tensor.Create(Enumerable.Range(0, 3 * 2).Select(i => (sbyte)((i * 37 % 50) - 25)).ToArray(), 3, 2, 1, 1));
        var ws = net.Const("ws", [0.01f, 0.02f, 0.03f], 3);
        var wz = net.Builder.Constant("wz", Tensor.Create(new sbyte[3], 3));
        var ys = net.Const("ys", [0.05f]);
        var yz = net.Builder.Constant("yz", Tensor.Scalar((byte)128));
        var bias = net.Builder.Constant("b", Tensor.Create([100, -200, 50], 3));
        var y = net.Op("QLinearConv", [xq, xs, xz, w, ws, wz, ys, yz, bias]);
        net.Output(net.Op("DequantizeLinear", [y, ys, yz]), "y");
        var original = net.Model;
        var rewritten = Equivalence.Clone(original);

        new Dequantize().Run(rewritten, new PassContext());

        Assert.DoesNotContain(rewritten.Graph.Nodes, n => n.OpType == "QLinearConv");
        Assert.Contains(rewritten.Graph.Nodes, n => n.OpType == "Conv");

        // Same numbers up to one output step (integer vs float accumulation can round the other way).
        Equivalence.AssertSameOutputs(original, rewritten, atol: 0.05 + 1e-6, rtol: 0);
    }

    [Fact]
    public void Qdq_pairs_on_activations_and_dq_of_constants_disappear()
    {
        var model = QuantizedSmallNet();
        var context = new PassContext();
        new Dequantize().Run(model, context);
        Assert.DoesNotContain(model.Graph.Nodes, n => n.OpType is "QuantizeLinear" or "DequantizeLinear");
        Assert.True(context.Statistics.Get("qdq-pairs-removed") > 0);
        Assert.True(context.Statistics.Get("constants-dequantized") > 0);
        Assert.All(model.Graph.Nodes.Where(n => n.OpType == "Conv"), n => Assert.Equal(DataType.Float, n.Input(1)!.ConstValue!.DataType));
    }

    private static Model QuantizedSmallNet()
    {
        var net = new Net(opset: 13);
        var x = net.Input("x", 1, 2, 4, 4);
        var w = net.Const("w", [0.5f, -0.25f, 0.1f, 0.9f], 2, 2, 1, 1);
        net.Output(net.Op("Sigmoid", [net.Op("Conv", [x, w], [1, 2, 4, 4])], [1, 2, 4, 4]), "y");
        var model = net.Model;
        QuantTestSupport.Run(model);
        return model;
    }
}
