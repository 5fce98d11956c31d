using FsCheck.Xunit;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>
/// Random chains of the operators exported vision models use, written at a random source opset and converted to a
/// random target: the verifier accepts the result and ONNX Runtime gives the same outputs (atol 1e-5, rtol 1e-4).
/// </summary>
public sealed class OpsetPropertyTests
{
    private static readonly int[] Sources = [11, 12, 13, 14, 17, 18, 20, 22];

    private static readonly string[] Blocks = ["unary", "softmax", "split", "unsqueeze", "reduce", "resize", "pad", "clip", "hardswish", "reshape", "transpose"];

    [Property(MaxTest = 30)]
    public void Random_vision_chains_convert_with_the_same_outputs(int seed)
    {
        var random = new Random(seed);
        int source = Sources[random.Next(Sources.Length)];
        int target = random.Next(11, 22);
        if (target >= source)
        {
            target++;
        }

        var model = Chain(random, source);

        var converted = OpsetAssert.Converted(model, target);

        Equivalence.AssertSameOutputs(model, converted);
    }

    private static Model Chain(Random random, int opset)
    {
        var b = new ModelBuilder(opset);
        var v = OpsetModels.Floats(b, "x", 1, 4, 6, 6);
        int count = random.Next(3, 7);
        for (int i = 0; i < count; i++)
        {
            v = Block(b, random, Blocks[random.Next(Blocks.Length)], v);
        }

        OpsetModels.Output(b, v, "y", 1, 4, 6, 6);

        // ModelBuilder names nodes after their op type, which repeats when a block is used twice; ONNX Runtime wants unique names.
        for (int i = 0; i < b.Graph.Nodes.Count; i++)
        {
            b.Graph.Nodes[i].Name = $"n{i}_{b.Graph.Nodes[i].OpType}";
        }

        return b.Build();
    }

    /// <summary>One block that keeps the [1,4,6,6] shape, written in the form <paramref name="b"/>'s opset expects.</summary>
    private static Value Block(ModelBuilder b, Random random, string kind, Value v)
    {
        long opset = b.Opset();
        switch (kind)
        {
            case "unary":
                return b.Op(random.Next(3) switch { 0 => "Relu", 1 => "Sigmoid", _ => "Tanh" }, [v]);
            case "softmax":
                return b.Op(random.Next(2) == 0 ? "Softmax" : "LogSoftmax", [v], NodeAttribute.Int("axis", random.Next(-4, 4)));
            case "split":
                long first = random.Next(1, 4);
                var split = OpsetModels.Split(b, v, 1, [first, 4 - first]);
                return b.Op("Concat", [split.Outputs[1], split.Outputs[0]], NodeAttribute.Int("axis", 1));
            case "unsqueeze":
                var expanded = OpsetModels.Axes(b, "Unsqueeze", v, [0]);
                return OpsetModels.Axes(b, "Squeeze", b.Op("Relu", [expanded]), [0]);
            case "reduce":
                string reduce = random.Next(3) switch { 0 => "ReduceMean", 1 => "ReduceSum", _ => "ReduceMax" };
                return b.Op("Sub", [v, OpsetModels.Axes(b, reduce, v, [random.Next(2, 4)], NodeAttribute.Int("keepdims", 1))]);
            case "resize":
                var roi = opset < 13 ? b.Constant("roi", Array.Empty<float>(), 0) : null;
                var scales = b.Constant("scales", new[] { 1f, 1f, 2f, 2f }, 4);
                var resized = b.Op("Resize", [v, roi, scales], NodeAttribute.String("mode", "nearest"),
                    NodeAttribute.String("coordinate_transformation_mode", "asymmetric"), NodeAttribute.String("nearest_mode", "floor"));
                return b.Op("MaxPool", [resized], NodeAttribute.Ints("kernel_shape", 2, 2), NodeAttribute.Ints("strides", 2, 2));
            case "pad":
                var padded = b.Op("Pad", [v, b.Constant("pads", new long[] { 0, 0, 1, 1, 0, 0, 1, 1 }, 8), b.Constant("value", new[] { 0.5f })]);
                return b.Op("Slice", [padded, b.Constant("starts", new long[] { 1, 1 }, 2), b.Constant("ends", new long[] { -1, -1 }, 2), b.Constant("axes", new long[] { 2, 3 }, 2)]);
            case "clip":
                return b.Op("Clip", [v, b.Constant("min", new[] { 0.2f }, []), b.Constant("max", new[] { 0.8f }, [])]);
            case "hardswish":
                return opset >= 14 ? b.Op("HardSwish", [v]) : b.Op("HardSigmoid", [v]);
            case "reshape":
                var allowZero = opset >= 14 ? [NodeAttribute.Int("allowzero", 0)] : Array.Empty<NodeAttribute>();
                var flat = b.Op("Reshape", [v, b.Constant("flat", new long[] { 1, 4, 36 }, 3)], allowZero);
                return b.Op("Reshape", [b.Op("Neg", [flat]), b.Constant("square", new long[] { 1, 4, 6, 6 }, 4)], allowZero);
            default:
                return b.Op("Transpose", [v], NodeAttribute.Ints("perm", 0, 1, 3, 2));
        }
    }
}
