using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>
/// A version that only widened the element types an operator accepts. Going below it is possible when none of the
/// node's tensors (inputs, outputs, and the types named by `to`, `dtype` or a constant's value) has one of the
/// added types. Types that are unknown (no declared or inferable type) cannot be checked and are let through.
/// </summary>
internal sealed class TypeRule(params DataType[] added) : IVersionRule
{
    public IReadOnlyList<DataType> Added { get; } = added;

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        foreach (var type in NodeTypes(node))
        {
            if (Added.Contains(type))
            {
                return RulePlan.Refuse($"{node.Node.OpType} accepts {type.OnnxName()} only from opset {since}");
            }
        }

        return RulePlan.Nothing;
    }

    private static IEnumerable<DataType> NodeTypes(NodeConversion node)
    {
        foreach (var value in node.Node.Inputs.Concat(node.Node.Outputs))
        {
            if (value is not null && value.Name.Length > 0)
            {
                yield return node.ElementType(value);
            }
        }

        foreach (var attribute in node.Node.Attributes)
        {
            if (attribute.Name is "to" or "dtype" or "output_dtype" && attribute.RawValue is long code)
            {
                yield return (DataType)code;
            }
            else if (attribute.RawValue is Tensor tensor)
            {
                yield return tensor.DataType;
            }
        }
    }
}
