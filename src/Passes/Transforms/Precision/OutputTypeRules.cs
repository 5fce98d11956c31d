
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// The element type an op's output has when its inputs have given types, for the default-domain ops whose
/// output type is not simply the type of their first input (which is the rule for everything else). Real
/// exports declare the types of graph inputs and outputs only, so every intermediate type comes from here.
/// </summary>
internal static class OutputTypeRules
{
    private static readonly HashSet<string> Int64Outputs = ["Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression"];

    private static readonly HashSet<string> BoolOutputs =
    [
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf", "RegexFullMatch",
    ];

    /// <summary>The type of output <paramref name="index"/> of <paramref name="node"/>, or Undefined when it cannot be told.</summary>
    /// <param name="node">The node whose output type is asked for.</param>
    /// <param name="index">The output's position.</param>
    /// <param name="typeOf">The (already inferred) type of an input value; null inputs are Undefined.</param>
    /// <param name="subgraphOutputType">The type of output i of the node's subgraph attribute named by the first argument.</param>
    public static DataType Infer(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType)
    {
        DataType Input(int i) => typeOf(node.Input(i));
        DataType Attr(string name, DataType fallback) =>
            node.FindAttribute(name) is { Kind: AttributeKind.Int } a && a.AsInt() != 0 ? (DataType)a.AsInt() : fallback;

        if (!node.IsDefaultDomain)
        {
            // Contrib ops (com.microsoft fused kernels) nearly all compute in their first input's type.
            return Input(0);
        }

        string op = node.OpType;
        if (IsSequenceOrOptional(op))
        {
            return DataType.Undefined;
        }

        if (Int64Outputs.Contains(op))
        {
            return DataType.Int64;
        }

        if (BoolOutputs.Contains(op))
        {
            return DataType.Bool;
        }

        return op switch
        {
            "Cast" => Attr("to", DataType.Undefined),
            "CastLike" => Input(1),
            "Constant" => ConstantType(node),
            "ConstantOfShape" => node.FindAttribute("value")?.AsTensor().DataType ?? DataType.Float,
            "RandomNormal" or "RandomUniform" => Attr("dtype", DataType.Float),
            "RandomNormalLike" or "RandomUniformLike" or "EyeLike" or "Bernoulli" => Attr("dtype", Input(0)),
            "Multinomial" => Attr("dtype", DataType.Int32),
            "TopK" or "MaxPool" => index == 0 ? Input(0) : DataType.Int64,
            "Unique" => index == 0 ? Input(0) : DataType.Int64,
            "Dropout" => index == 0 ? Input(0) : DataType.Bool,
            "LayerNormalization" => index == 0 ? Input(0) : Attr("stash_type", DataType.Float),
            "QuantizeLinear" => Attr("output_dtype", node.Input(2) is null ? DataType.UInt8 : Input(2)),
            "DequantizeLinear" => Input(1),
            "DynamicQuantizeLinear" => index == 1 ? DataType.Float : DataType.UInt8,
            "ConvInteger" or "MatMulInteger" => DataType.Int32,
            "QLinearConv" or "QLinearMatMul" => Input(7),
            "Where" => Input(1),
            "OneHot" => Input(2),
            "If" => subgraphOutputType("then_branch", index),
            "Loop" => subgraphOutputType("body", index + 1),
            "Scan" => subgraphOutputType("body", index),
            "StringNormalizer" or "StringConcat" => DataType.String,
            "StringSplit" => index == 0 ? DataType.String : DataType.Int64,
            "TfIdfVectorizer" => DataType.Float,
            "ImageDecoder" => DataType.UInt8,
            _ => FirstInput(node, typeOf),
        };
    }

    /// <summary>Ops that take or make sequences or optionals, whose element types this IR does not track.</summary>
    public static bool IsSequenceOrOptional(string op) =>
        op.StartsWith("Sequence", StringComparison.Ordinal) || op.StartsWith("Optional", StringComparison.Ordinal)
        || op is "SplitToSequence" or "ConcatFromSequence";

    private static DataType ConstantType(Node node)
    {
        foreach (var attribute in node.Attributes)
        {
            switch (attribute.Name)
            {
                case "value": return attribute.AsTensor().DataType;
                case "value_float" or "value_floats": return DataType.Float;
                case "value_int" or "value_ints": return DataType.Int64;
                case "value_string" or "value_strings": return DataType.String;
            }
        }

        return DataType.Undefined;
    }

    private static DataType FirstInput(Node node, Func<Value?, DataType> typeOf)
    {
        foreach (var input in node.Inputs)
        {
            if (input is not null)
            {
                return typeOf(input);
            }
        }

        return DataType.Undefined;
    }
}
