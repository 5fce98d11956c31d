using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// Shapes of the integer ops that ONNX Runtime's quantizer emits: DynamicQuantizeLinear keeps its input's shape and
/// adds two scalars; ConvInteger and MatMulInteger have the shapes of Conv and MatMul; QLinearConv and
/// QLinearMatMul take their operands at inputs 0 and 3. Element types come from the op-rule table.
/// </summary>
internal static class QuantizedShapeRules
{
    /// <summary>Registers after the Conv and MatMul rules, which the integer ops reuse.</summary>
    public static void Register(IDictionary<string, ShapeRule> table)
    {
        var conv = table["Conv"];
        var matMul = table["MatMul"];
        table["DynamicQuantizeLinear"] = c =>
        [
            new TensorType(DataType.Undefined, c.Shape(0)), TensorType.Of(DataType.Undefined), TensorType.Of(DataType.Undefined),
        ];
        table["ConvInteger"] = conv;
        table["MatMulInteger"] = matMul;
        table["QLinearConv"] = c => conv(Operands(c, 0, 3));
        table["QLinearMatMul"] = c => matMul(Operands(c, 0, 3));
    }

    /// <summary>A call that sees only the two tensor operands of a QLinear op, where the float op has them at 0 and 1.</summary>
    private static InferenceCall Operands(InferenceCall c, int first, int second) =>
        new(c.Node, c.Opset, [c.Type(first), c.Type(second)], [c.Constant(first), c.Constant(second)]);
}
