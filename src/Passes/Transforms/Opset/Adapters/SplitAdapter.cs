using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Split's sizes were the `split` attribute before opset 13 and an input from it; opset 18 added `num_outputs`,
/// which (unlike the older equal split) allows a smaller last chunk and is required when no sizes are given.
/// Sizes move between attribute and input (constant inputs only, downwards). Below 18 a num_outputs split stays an
/// equal split when the axis divides evenly, and becomes explicit sizes when the axis size is known and does not.
/// </summary>
internal sealed class SplitAdapter : IVersionRule
{
    public static SplitAdapter Instance { get; } = new();

    private SplitAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        IReadOnlyList<long>? attributeSizes = node.Source < 13 ? n.GetInts("split") : null;
        var inputSizes = node.Source >= 13 ? n.Input(1) : null;
        if (attributeSizes is not null || inputSizes is not null)
        {
            return PlanSizes(node, attributeSizes, inputSizes);
        }

        long? parts = node.Source >= 18 ? n.FindAttribute("num_outputs")?.AsInt() : null;
        if (parts is { } count && node.Target < 18)
        {
            return PlanEqualSplit(node, count);
        }

        if (parts is null && node.Source < 18 && node.Target >= 18)
        {
            return RulePlan.Do(() => n.SetAttribute(NodeAttribute.Int("num_outputs", n.Outputs.Count)));
        }

        return RulePlan.Nothing;
    }

    private static RulePlan PlanSizes(NodeConversion node, IReadOnlyList<long>? attributeSizes, Value? inputSizes)
    {
        var n = node.Node;
        if (node.Target < 13)
        {
            if (inputSizes is null)
            {
                return RulePlan.Nothing;
            }

            var values = NodeConversion.ConstantInts(inputSizes);
            if (values is null)
            {
                return RulePlan.Refuse($"its split sizes come from '{inputSizes.Name}', which is not a constant, and Split takes them as an attribute before opset 13");
            }

            return RulePlan.Do(() =>
            {
                n.RemoveAttribute("num_outputs");
                node.RemoveInputsFrom(1);
                n.SetAttribute(NodeAttribute.Ints("split", values));
            });
        }

        if (attributeSizes is null)
        {
            return RulePlan.Nothing;
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("split");
            node.SetInput(1, node.AddInt64s("split", attributeSizes));
        });
    }

    private static RulePlan PlanEqualSplit(NodeConversion node, long parts)
    {
        var n = node.Node;
        var input = n.Input(0);
        long axis = n.GetInt("axis", 0);
        long? size = null;
        if (input?.Shape is { } shape && (axis < 0 ? axis + shape.Rank : axis) is var index && index >= 0 && index < shape.Rank)
        {
            size = shape[(int)index].Value;
        }

        if (size is not { } length)
        {
            return RulePlan.Refuse($"it splits into num_outputs={parts} chunks along an axis of unknown size; before opset 18 a split without sizes must be even, and whether it is cannot be told");
        }

        if (length % parts == 0)
        {
            return RulePlan.Do(() => n.RemoveAttribute("num_outputs"));
        }

        // Opset 18 makes every chunk ceil(length / parts) long except a shorter last one.
        long chunk = (length + parts - 1) / parts;
        var sizes = Enumerable.Repeat(chunk, (int)parts - 1).Append(length - (chunk * (parts - 1))).ToArray();
        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("num_outputs");
            if (node.Target < 13)
            {
                n.SetAttribute(NodeAttribute.Ints("split", sizes));
            }
            else
            {
                node.SetInput(1, node.AddInt64s("split", sizes));
            }
        });
    }
}
