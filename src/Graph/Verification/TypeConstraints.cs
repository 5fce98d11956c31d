using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Verification;

/// <summary>
/// The type rules of common default-domain ops that the verifier checks: which inputs and outputs must share
/// one element type, and which outputs have a fixed type. Stale types after rewrites (an fp16 initializer
/// feeding an fp32 Add) are the most common bug in ONNX converters, so these are checked after every pass.
/// </summary>
internal static class TypeConstraints
{
    /// <summary>Inputs (by index; -1 = all) that must share the type of output 0.</summary>
    private static readonly Dictionary<string, int[]> SameAsOutput = Build();

    private static readonly Dictionary<string, DataType> FixedOutput = new()
    {
        ["Shape"] = DataType.Int64, ["Size"] = DataType.Int64, ["NonZero"] = DataType.Int64,
        ["ArgMax"] = DataType.Int64, ["ArgMin"] = DataType.Int64,
        ["Equal"] = DataType.Bool, ["Less"] = DataType.Bool, ["Greater"] = DataType.Bool, ["LessOrEqual"] = DataType.Bool,
        ["GreaterOrEqual"] = DataType.Bool, ["Not"] = DataType.Bool, ["And"] = DataType.Bool, ["Or"] = DataType.Bool,
        ["Xor"] = DataType.Bool, ["IsNaN"] = DataType.Bool, ["IsInf"] = DataType.Bool,
    };

    private static Dictionary<string, int[]> Build()
    {
        var table = new Dictionary<string, int[]>();
        foreach (var op in new[] { "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Concat", "MatMul", "Gemm", "Conv", "ConvTranspose" })
        {
            table[op] = [-1];
        }

        foreach (var op in new[]
        {
            "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Neg", "Abs", "Reciprocal", "Floor", "Ceil", "Round", "Softmax",
            "LogSoftmax", "Erf", "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Selu", "Identity", "Dropout", "Sin", "Cos",
            "Softplus", "Pow", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Expand", "Tile", "Gather", "GatherElements",
            "GatherND", "Transpose", "Slice", "Split", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
            "Resize", "Upsample", "BatchNormalization", "InstanceNormalization", "LayerNormalization", "ReduceMean",
            "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2", "TopK", "Mish", "Gelu", "DepthToSpace", "SpaceToDepth",
        })
        {
            table[op] = [0];
        }

        table["Clip"] = [0, 1, 2];
        table["Pad"] = [0, 2];
        table["Where"] = [1, 2];
        return table;
    }

    public static IEnumerable<string> Check(Node node)
    {
        if (!node.IsDefaultDomain || node.Outputs.Count == 0)
        {
            yield break;
        }

        var output = node.Outputs[0];
        if (node.OpType == "Cast" && node.FindAttribute("to") is { Kind: not AttributeKind.Int } badTo)
        {
            yield return $"Cast attribute 'to' must be an int, not {badTo.Kind}";
        }

        if (node.OpType == "Cast" && node.FindAttribute("to") is { Kind: AttributeKind.Int } to && output.ElementType != DataType.Undefined
            && output.ElementType != (DataType)to.AsInt())
        {
            yield return $"Cast to {((DataType)to.AsInt()).OnnxName()} declares its output '{output.Name}' as {output.ElementType.OnnxName()}";
        }

        if (FixedOutput.TryGetValue(node.OpType, out var fixedType) && output.ElementType != DataType.Undefined && output.ElementType != fixedType)
        {
            yield return $"{node.OpType} output '{output.Name}' must be {fixedType.OnnxName()} but is declared {output.ElementType.OnnxName()}";
        }

        if (!SameAsOutput.TryGetValue(node.OpType, out var indices))
        {
            yield break;
        }

        // The first typed input among the constrained ones is the reference the others and the outputs must match.
        Value? reference = null;
        int referenceIndex = -1;
        bool all = indices[0] == -1;
        int count = all ? node.Inputs.Count : indices.Length;
        for (int k = 0; k < count; k++)
        {
            int index = all ? k : indices[k];
            if (index >= node.Inputs.Count || node.Inputs[index] is not { ElementType: not DataType.Undefined, NonTensorType: null } value)
            {
                continue;
            }

            if (reference is null)
            {
                reference = value;
                referenceIndex = index;
            }
            else if (value.ElementType != reference.ElementType)
            {
                yield return $"{node.OpType} input {index} '{value.Name}' is {value.ElementType.OnnxName()} but input {referenceIndex} '{reference.Name}' is {reference.ElementType.OnnxName()}";
            }
        }

        if (reference is null)
        {
            yield break;
        }

        int outputs = node.OpType == "Split" ? node.Outputs.Count : 1;
        for (int o = 0; o < outputs; o++)
        {
            var declared = node.Outputs[o];
            if (declared.ElementType != DataType.Undefined && declared.ElementType != reference.ElementType && declared.Name.Length > 0)
            {
                yield return $"{node.OpType} output '{declared.Name}' is declared {declared.ElementType.OnnxName()} but input {referenceIndex} '{reference.Name}' is {reference.ElementType.OnnxName()}";
            }
        }
    }
}
