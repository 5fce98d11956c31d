using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Pad took `pads` and `value` as attributes before opset 11 and as inputs (pads, constant_value) from it; opset 18
/// added an optional `axes` input naming the axes pads refers to. Upwards the attributes become initializers.
/// Downwards across 18, `axes` is folded into full-rank constant pads when the rank is known.
/// </summary>
internal sealed class PadAdapter : IVersionRule
{
    public static PadAdapter Instance { get; } = new();

    private PadAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (node.CrossesUp(11))
        {
            return PlanInputs(node);
        }

        return node.CrossesDown(18) ? PlanAxes(node) : RulePlan.Nothing;
    }

    private static RulePlan PlanInputs(NodeConversion node)
    {
        var n = node.Node;
        if (n.GetInts("pads") is not { } pads)
        {
            return RulePlan.Refuse("it has no pads attribute");
        }

        float value = n.GetFloat("value", 0f);
        bool needsValue = n.GetString("mode", "constant") == "constant" && value != 0f;
        var type = node.ElementType(n.Input(0)!);
        if (needsValue && type is not (DataType.Float or DataType.Float16 or DataType.Double))
        {
            return RulePlan.Refuse($"its padding value must become an input of the data's element type, which is {ClipAdapter.Describe(type)}");
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("pads");
            n.RemoveAttribute("value");
            node.SetInput(1, node.AddInt64s("pads", pads));
            if (needsValue)
            {
                node.SetInput(2, node.AddScalar("value", type, value));
            }
        });
    }

    private static RulePlan PlanAxes(NodeConversion node)
    {
        var n = node.Node;
        if (n.Input(3) is not { } axesInput)
        {
            return RulePlan.Nothing;
        }

        if (NodeConversion.ConstantInts(axesInput) is not { } axes)
        {
            return RulePlan.Refuse($"its axes come from '{axesInput.Name}', which is not a constant; before opset 18 pads covers every axis");
        }

        if (node.Rank(n.Input(0)!) is not { } rank)
        {
            return RulePlan.Refuse($"it pads only axes [{string.Join(",", axes)}] of an input of unknown rank; before opset 18 pads covers every axis");
        }

        var normalized = axes.Select(a => (int)(a < 0 ? a + rank : a)).ToArray();
        if (normalized.SequenceEqual(Enumerable.Range(0, rank)))
        {
            return RulePlan.Do(() => node.RemoveInputsFrom(3));
        }

        var padsInput = n.Input(1);
        if (NodeConversion.ConstantInts(padsInput) is not { } pads || pads.Length != 2 * axes.Length)
        {
            return RulePlan.Refuse($"it pads only axes [{string.Join(",", axes)}] with pads '{padsInput?.Name}' that are not a constant; before opset 18 pads covers every axis");
        }

        var full = new long[2 * rank];
        for (int i = 0; i < normalized.Length; i++)
        {
            full[normalized[i]] = pads[i];
            full[normalized[i] + rank] = pads[i + axes.Length];
        }

        return RulePlan.Do(() =>
        {
            node.RemoveInputsFrom(3);
            node.SetInput(1, node.AddInt64s("pads", full));
        });
    }
}
