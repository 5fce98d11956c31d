using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Constant gained value_float(s), value_int(s) and value_string(s) at opset 12. Below 12 they become the
/// equivalent `value` tensor: scalars for the singular forms, 1-D tensors for the plural ones.
/// </summary>
internal sealed class ConstantAdapter : IVersionRule
{
    public static ConstantAdapter Instance { get; } = new();

    private ConstantAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        foreach (var attribute in node.Node.Attributes)
        {
            if (ToTensor(attribute) is { } tensor)
            {
                string name = attribute.Name;
                return RulePlan.Do(() =>
                {
                    node.Node.RemoveAttribute(name);
                    node.Node.SetAttribute(NodeAttribute.FromTensor("value", tensor));
                });
            }
        }

        return RulePlan.Nothing;
    }

    private static Tensor? ToTensor(NodeAttribute attribute) => attribute.Name == "value" ? null : ConstantNode.ToTensor(attribute);
}
