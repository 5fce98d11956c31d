using FsCheck.Xunit;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Passes.Tests.Shapes;

/// <summary>Inferred output shapes of random Conv, ConvTranspose and pooling configurations equal what ONNX Runtime produces.</summary>
public sealed class SlidingWindowShapePropertyTests
{
    private static readonly string[] AutoPads = ["NOTSET", "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"];

    [Property(MaxTest = 100)]
    public void Inferred_spatial_dims_match_onnx_runtime(int seed)
    {
        var random = new Random(seed);
        string op = new[] { "Conv", "MaxPool", "AveragePool", "ConvTranspose" }[random.Next(4)];
        long size = random.Next(5, 13);
        long kernel = random.Next(1, 4);
        long stride = random.Next(1, 4);
        long pad = random.Next(0, (int)kernel);
        long dilation = op == "AveragePool" ? 1 : random.Next(1, 3);
        string autoPad = AutoPads[random.Next(AutoPads.Length)];
        var attributes = new List<NodeAttribute>
        {
            NodeAttribute.Ints("kernel_shape", kernel, kernel),
            NodeAttribute.Ints("strides", stride, stride),
            NodeAttribute.String("auto_pad", autoPad),
        };
        if (autoPad == "NOTSET")
        {
            attributes.Add(NodeAttribute.Ints("pads", pad, 0, pad, pad));
        }

        if (dilation > 1)
        {
            attributes.Add(NodeAttribute.Ints("dilations", dilation, dilation));
        }

        if (op.EndsWith("Pool", StringComparison.Ordinal) && random.Next(2) == 0)
        {
            attributes.Add(NodeAttribute.Int("ceil_mode", 1));
        }

        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 1, 2, size, size + 1);
        var inputs = new List<Value?> { x };
        if (op.StartsWith("Conv", StringComparison.Ordinal))
        {
            inputs.Add(b.Constant("w", Tensor.Create(new float[2 * 3 * kernel * kernel], op == "Conv" ? [3, 2, kernel, kernel] : [2, 3, kernel, kernel])));
        }

        var y = b.Op(op, "window", inputs, [.. attributes]);
        b.Output(y, "y");
        var model = b.Build();

        IReadOnlyDictionary<string, Tensor> actual;
        try
        {
            actual = OrtRunner.RunOnce(model, new Dictionary<string, Tensor> { ["x"] = Tensor.Create(new float[2 * size * (size + 1)], 1, 2, size, size + 1) });
        }
        catch (OrtExecutionException)
        {
            // A configuration ONNX Runtime rejects (pads wider than the window, an empty output) says nothing about inference.
            return;
        }

        PipelineRunner.Run(model, "infer-shapes");
        Assert.True(Shape.Of(actual["y"].DimsArray()).Equals(model.Graph.Outputs[0].Shape), $"{op} {string.Join(" ", attributes)} on [{size},{size + 1}]: ONNX Runtime {Shape.Of(actual["y"].DimsArray())}, inferred {model.Graph.Outputs[0].Shape}");
    }
}
