using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>Builds operators in the form the builder's opset expects (axes and split sizes as attributes or inputs).</summary>
internal static class OpsetModels
{
    public static long Opset(this ModelBuilder builder) => builder.Model.GetOpset()!.Value;

    /// <summary>Squeeze, Unsqueeze or a Reduce operator with axes written the way the opset wants them.</summary>
    public static Value Axes(ModelBuilder b, string op, Value x, long[] axes, params NodeAttribute[] attributes)
    {
        int boundary = op is "Squeeze" or "Unsqueeze" or "ReduceSum" ? 13 : 18;
        return b.Opset() >= boundary
            ? b.Op(op, [x, b.Constant("axes", axes, axes.Length)], attributes)
            : b.Op(op, [x], [NodeAttribute.Ints("axes", axes), .. attributes]);
    }

    /// <summary>Split into the given sizes, written the way the opset wants them.</summary>
    public static Node Split(ModelBuilder b, Value x, long axis, long[] sizes) =>
        b.Opset() >= 13
            ? b.Node("Split", [x, b.Constant("split", sizes, sizes.Length)], sizes.Length, attributes: [NodeAttribute.Int("axis", axis)])
            : b.Node("Split", [x], sizes.Length, attributes: [NodeAttribute.Int("axis", axis), NodeAttribute.Ints("split", sizes)]);

    /// <summary>A float graph input.</summary>
    public static Value Floats(ModelBuilder b, string name, params long[] dims) => b.Input(name, DataType.Float, dims);

    public static Value Output(ModelBuilder b, Value value, string name, params long[] dims) => b.Output(value, name, DataType.Float, dims);
}
