using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// QuantizeLinear and DequantizeLinear gained per-axis quantization (an `axis` attribute, 1-D scales) at opset 13.
/// Below 13 the scale must be a single value; the axis attribute is then meaningless and dropped.
/// </summary>
internal sealed class QuantizeAxisAdapter : IVersionRule
{
    public static QuantizeAxisAdapter Instance { get; } = new();

    private QuantizeAxisAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        var scale = n.Input(1);
        long? count = NodeConversion.Constant(scale)?.ElementCount ?? scale?.Shape?.ElementCount;
        if (count != 1)
        {
            return RulePlan.Refuse($"its scale '{scale?.Name}' is not known to be a single value, and per-axis quantization needs opset 13");
        }

        return n.HasAttribute("axis") ? RulePlan.Do(() => n.RemoveAttribute("axis")) : RulePlan.Nothing;
    }
}
