using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Squeeze, Unsqueeze and ReduceSum took `axes` as an attribute before opset 13 and as an input from it; the other
/// Reduce operators moved at opset 18. Upwards the attribute becomes an int64 initializer. Downwards the input must
/// be constant (an initializer or a Constant); a Reduce with no axes and noop_with_empty_axes=1 passes its input
/// through, so it becomes Identity.
/// </summary>
internal sealed class AxesInputAdapter : IVersionRule
{
    public static AxesInputAdapter Instance { get; } = new();

    private AxesInputAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        if (node.CrossesUp(since))
        {
            if (n.GetInts("axes") is not { } axes)
            {
                return RulePlan.Nothing;
            }

            return RulePlan.Do(() =>
            {
                n.RemoveAttribute("axes");
                node.SetInput(1, node.AddInt64s("axes", axes));
            });
        }

        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        var input = n.Input(1);
        long[]? values = null;
        if (input is not null)
        {
            values = NodeConversion.ConstantInts(input);
            if (values is null)
            {
                return RulePlan.Refuse($"its axes come from '{input.Name}', which is not a constant, and {n.OpType} takes axes as an attribute before opset {since}");
            }
        }

        bool noAxes = values is null || values.Length == 0;
        bool reduce = n.OpType.StartsWith("Reduce", StringComparison.Ordinal);
        if (reduce && noAxes && n.GetInt("noop_with_empty_axes", 0) == 1)
        {
            // With no axes and noop_with_empty_axes=1 the reduction returns its input unchanged.
            return RulePlan.Do(() =>
            {
                foreach (string name in n.Attributes.Select(a => a.Name).ToList())
                {
                    n.RemoveAttribute(name);
                }

                node.RemoveInputsFrom(1);
                n.OpType = "Identity";
            });
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("noop_with_empty_axes");
            node.RemoveInputsFrom(1);
            if (!noAxes)
            {
                n.SetAttribute(NodeAttribute.Ints("axes", values!));
            }
        });
    }
}
