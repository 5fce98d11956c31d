namespace OnnxOpt.Graph;

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

        var outputsToCheck = node.OpType == "Split" ? node.Outputs : node.Outputs.Take(1);
        var inputs = indices[0] == -1
            ? node.Inputs.Select((v, i) => (v, i))
            : indices.Where(i => i < node.Inputs.Count).Select(i => (v: node.Inputs[i], i));
        var typed = inputs.Where(p => p.v is not null && p.v.ElementType != DataType.Undefined && p.v.NonTensorType is null).ToList();
        var reference = typed.Count > 0 ? typed[0] : default;
        foreach (var (value, index) in typed.Skip(1))
        {
            if (value!.ElementType != reference.v!.ElementType)
            {
                yield return $"{node.OpType} input {index} '{value.Name}' is {value.ElementType.OnnxName()} but input {reference.i} '{reference.v.Name}' is {reference.v.ElementType.OnnxName()}";
            }
        }

        if (reference.v is null)
        {
            yield break;
        }

        foreach (var o in outputsToCheck)
        {
            if (o.ElementType != DataType.Undefined && o.ElementType != reference.v.ElementType && o.Name.Length > 0)
            {
                yield return $"{node.OpType} output '{o.Name}' is declared {o.ElementType.OnnxName()} but input {reference.i} '{reference.v.Name}' is {reference.v.ElementType.OnnxName()}";
            }
        }
    }
}
