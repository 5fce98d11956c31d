using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// Shapes of element-wise ops: unary ops keep their input's shape, binary and variadic ops broadcast. Element types
/// here are only a first guess: the propagator takes each output's type from the op-rule table.
/// </summary>
internal static class ElementwiseShapeRules
{
    private static readonly string[] Unary =
    [
        "Identity", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Neg", "Abs", "Floor", "Ceil", "Round", "Reciprocal",
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Sign", "Erf",
        "Softmax", "LogSoftmax", "Hardmax", "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Selu", "Celu", "Softplus",
        "Softsign", "Mish", "Gelu", "ThresholdedRelu", "Shrink", "Clip", "LRN", "InstanceNormalization", "CumSum",
        "MeanVarianceNormalization", "Not", "IsNaN", "IsInf", "Cast", "CastLike", "QuantizeLinear", "DequantizeLinear",
    ];

    private static readonly string[] Broadcasting = ["Add", "Sub", "Mul", "Div", "Pow", "Mod", "Min", "Max", "Sum", "Mean", "PRelu", "BitShift", "And", "Or", "Xor",
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
    ];

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

        table["Where"] = c => InferenceCall.One(c.ElementType(1), DimMath.Broadcast([c.Shape(0), c.Shape(1), c.Shape(2)]));
        table["Dropout"] = c => [new TensorType(c.ElementType(0), c.Shape(0)), new TensorType(DataType.Undefined, c.Shape(0))];
        table["BatchNormalization"] = c => [new TensorType(c.ElementType(0), c.Shape(0))];
        table["LayerNormalization"] = c => [new TensorType(c.ElementType(0), c.Shape(0))];
    }
}
