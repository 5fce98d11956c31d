using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;

namespace OnnxOpt.Graph.Verification;

/// <summary>
/// Checks a node's declared element types against its row in <see cref="OpRuleTable"/>: the inputs of its
/// same-type group must agree, and every declared output must have the type the rule gives from the declared
/// input types. Stale types after rewrites (an fp16 initializer feeding an fp32 Add) are the most common bug in
/// ONNX converters, so these are checked after every pass.
/// </summary>
internal static class TypeConstraints
{
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

        if (OpRuleTable.Find(node) is not { } rule)
        {
            yield break;
        }

        foreach (var problem in CheckSameTypeInputs(node, rule))
        {
            yield return problem;
        }

        for (int o = 0; o < node.Outputs.Count; o++)
        {
            var declared = node.Outputs[o];
            if (declared.Name.Length == 0 || declared.ElementType == DataType.Undefined || declared.NonTensorType is not null)
            {
                continue;
            }

            var expected = rule.Output(o).Resolve(node, o, DeclaredType, (_, _) => DataType.Undefined);
            if (expected != DataType.Undefined && expected != declared.ElementType && node.OpType != "Cast")
            {
                yield return Mismatch(node, declared, expected, rule.Output(o));
            }
        }
    }

    private static IEnumerable<string> CheckSameTypeInputs(Node node, OpRule rule)
    {
        // The first typed input of the group is the reference the others must match.
        Value? reference = null;
        int referenceIndex = -1;
        for (int index = 0; index < node.Inputs.Count; index++)
        {
            if (!rule.IsSameTypeInput(index) || node.Inputs[index] is not { ElementType: not DataType.Undefined, NonTensorType: null } value)
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
    }

    private static DataType DeclaredType(Value? value) =>
        value is null || value.NonTensorType is not null ? DataType.Undefined : value.ElementType;

    private static string Mismatch(Node node, Value declared, DataType expected, OutputType rule)
    {
        string what = $"{node.OpType} output '{declared.Name}'";
        string type = declared.ElementType.OnnxName();
        return rule switch
        {
            OutputType.Fixed => $"{what} must be {expected.OnnxName()} but is declared {type}",
            OutputType.SameAsInput { Index: var i } => $"{what} is declared {type} but input {i} '{node.Input(i)?.Name}' is {expected.OnnxName()}",
            OutputType.FromAttribute { Name: var name } => $"{what} is declared {type} but attribute '{name}' (or its default) gives {expected.OnnxName()}",
            _ => $"{what} is declared {type} but its rule gives {expected.OnnxName()}",
        };
    }
}
