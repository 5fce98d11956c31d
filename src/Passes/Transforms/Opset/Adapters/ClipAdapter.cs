using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Clip took `min` and `max` as float attributes before opset 11 and as optional inputs of the data's element type
/// from it. Upwards the attributes become scalar initializers, which needs the element type to be known.
/// </summary>
internal sealed class ClipAdapter : IVersionRule
{
    public static ClipAdapter Instance { get; } = new();

    private ClipAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesUp(since))
        {
            return RulePlan.Nothing;
        }

        var n = node.Node;
        var min = n.FindAttribute("min");
        var max = n.FindAttribute("max");
        if (min is null && max is null)
        {
            return RulePlan.Nothing;
        }

        var type = node.ElementType(n.Input(0)!);
        if (type is not (DataType.Float or DataType.Float16 or DataType.Double))
        {
            return RulePlan.Refuse($"its min/max attributes must become inputs of the data's element type, which is {Describe(type)}");
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("min");
            n.RemoveAttribute("max");
            node.SetInput(1, min is null ? null : node.AddScalar("min", type, min.AsFloat()));
            if (max is not null)
            {
                node.SetInput(2, node.AddScalar("max", type, max.AsFloat()));
            }
        });
    }

    internal static string Describe(DataType type) => type == DataType.Undefined ? "unknown" : type.OnnxName();
}
