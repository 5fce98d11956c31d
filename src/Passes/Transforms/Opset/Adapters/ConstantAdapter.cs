using OnnxOpt.Graph;

namespace OnnxOpt.Passes.Opset;

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
                    node.Node.SetAttribute(Attribute.FromTensor("value", tensor));
                });
            }
        }

        return RulePlan.Nothing;
    }

    private static Tensor? ToTensor(Attribute attribute) => attribute.Name switch
    {
        "value_float" => Tensor.Scalar(attribute.AsFloat()),
        "value_floats" => Tensor.Create(attribute.AsFloats().ToArray(), attribute.AsFloats().Count),
        "value_int" => Tensor.Scalar(attribute.AsInt()),
        "value_ints" => Tensor.Create(attribute.AsInts().ToArray(), attribute.AsInts().Count),
        "value_string" => Tensor.FromStrings([], [(byte[])attribute.RawValue!]),
        "value_strings" => Tensor.FromStrings([((byte[][])attribute.RawValue!).Length], (byte[][])attribute.RawValue!),
        _ => null,
    };
}
