
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Rules for element-wise ops: unary ops keep type and shape, binary and variadic ops broadcast, comparisons give bool.</summary>
internal static class ElementwiseShapeRules
{
    private static readonly string[] Unary =
    [
        "Identity", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Neg", "Abs", "Floor", "Ceil", "Round", "Reciprocal",
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Sign", "Erf",
        "Softmax", "LogSoftmax", "Hardmax", "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Selu", "Celu", "Softplus",
        "Softsign", "Mish", "Gelu", "ThresholdedRelu", "Shrink", "Clip", "LRN", "InstanceNormalization", "CumSum",
        "MeanVarianceNormalization", "Not",
    ];

    private static readonly string[] Broadcasting = ["Add", "Sub", "Mul", "Div", "Pow", "Mod", "Min", "Max", "Sum", "Mean", "PRelu", "BitShift", "And", "Or", "Xor"];

    private static readonly string[] Comparisons = ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual"];

    public static void Register(IDictionary<string, ShapeRule> table)
    {
        foreach (string op in Unary)
        {
            table[op] = c => InferenceCall.One(c.ElementType(0), c.Shape(0));
        }

        foreach (string op in Broadcasting)
        {
            table[op] = c => InferenceCall.One(c.ElementType(0), DimMath.Broadcast(Enumerable.Range(0, c.InputCount).Select(c.Shape)));
        }

        foreach (string op in Comparisons)
        {
            table[op] = c => InferenceCall.One(DataType.Bool, DimMath.Broadcast([c.Shape(0), c.Shape(1)]));
        }

        table["IsNaN"] = c => InferenceCall.One(DataType.Bool, c.Shape(0));
        table["IsInf"] = c => InferenceCall.One(DataType.Bool, c.Shape(0));
        table["Where"] = c => InferenceCall.One(c.ElementType(1), DimMath.Broadcast([c.Shape(0), c.Shape(1), c.Shape(2)]));
        table["Cast"] = c => InferenceCall.One((DataType)c.Node.GetInt("to", 0), c.Shape(0));
        table["CastLike"] = c => InferenceCall.One(c.ElementType(1), c.Shape(0));
        table["Dropout"] = c => [new TensorType(c.ElementType(0), c.Shape(0)), new TensorType(DataType.Bool, c.Shape(0))];
        table["BatchNormalization"] = c => [new TensorType(c.ElementType(0), c.Shape(0))];
        table["LayerNormalization"] = c => [new TensorType(c.ElementType(0), c.Shape(0))];
        table["QuantizeLinear"] = c => InferenceCall.One(c.Has(2) ? c.ElementType(2) : DataType.UInt8, c.Shape(0));
        table["DequantizeLinear"] = c => InferenceCall.One(c.Has(1) && c.ElementType(1) != DataType.Undefined ? c.ElementType(1) : DataType.Float, c.Shape(0));
    }
}
