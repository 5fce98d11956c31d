using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Reshape gained `allowzero` at opset 14: with 1, a 0 in the shape makes a zero-sized axis instead of copying the
/// input's. Below 14 the attribute is dropped when it is 0, or when it is 1 but the shape is constant without zeros.
/// </summary>
internal sealed class ReshapeAdapter : IVersionRule
{
    public static ReshapeAdapter Instance { get; } = new();

    private ReshapeAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        if (!node.CrossesDown(since) || n.FindAttribute("allowzero") is not { } allowZero)
        {
            return RulePlan.Nothing;
        }

        if (allowZero.AsInt() == 0)
        {
            return RulePlan.Do(() => n.RemoveAttribute("allowzero"));
        }

        var shape = n.Input(1);
        var values = NodeConversion.ConstantInts(shape);
        if (values is not null && !values.Contains(0))
        {
            return RulePlan.Do(() => n.RemoveAttribute("allowzero"));
        }

        string why = values is null ? "is not a constant" : "contains 0";
        return RulePlan.Refuse($"allowzero=1 makes a 0 in the shape a zero-sized axis (before opset 14 it copies the input's), and the shape '{shape?.Name}' {why}");
    }
}
