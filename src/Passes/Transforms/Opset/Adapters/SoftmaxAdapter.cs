using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Softmax, LogSoftmax and Hardmax before opset 13 flatten the input to 2-D at `axis` (default 1) and normalize over
/// everything from that axis on; from 13 they normalize over the single `axis` (default -1). Over the last axis
/// both agree, so the node only gets an explicit axis=-1. Upwards, any other axis becomes Flatten, the operator on the
/// last axis, and a Reshape back to the input's shape. Downwards, any other axis is swapped with the last one by a
/// Transpose before and after, which needs the input's rank.
/// </summary>
internal sealed class SoftmaxAdapter : IVersionRule
{
    public static SoftmaxAdapter Instance { get; } = new();

    private SoftmaxAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        var x = n.Input(0)!;
        int? rank = node.Rank(x);
        if (node.CrossesUp(since))
        {
            long axis = n.GetInt("axis", 1);
            if (IsLast(axis, rank))
            {
                return LastAxis(node);
            }

            return RulePlan.Do(() =>
            {
                var shape = node.InsertBefore("Shape", [x], "shape").Output(0);
                var flat = node.InsertBefore("Flatten", [x], "flatten", NodeAttribute.Int("axis", axis)).Output(0);
                n.SetInput(0, flat);
                n.SetAttribute(NodeAttribute.Int("axis", -1));
                node.AppendAfter(n.Output(0), "Reshape", [shape], "reshape");
            });
        }

        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        long newAxis = n.GetInt("axis", -1);
        if (IsLast(newAxis, rank))
        {
            return LastAxis(node);
        }

        if (rank is not { } r)
        {
            return RulePlan.Refuse($"axis {newAxis} may not be the last axis (the input's rank is unknown), and before opset 13 {n.OpType} normalizes over every axis from `axis` on");
        }

        int moved = (int)(newAxis < 0 ? newAxis + r : newAxis);
        var perm = Enumerable.Range(0, r).Select(i => (long)(i == moved ? r - 1 : i == r - 1 ? moved : i)).ToArray();
        return RulePlan.Do(() =>
        {
            var transposed = node.InsertBefore("Transpose", [x], "transpose", NodeAttribute.Ints("perm", perm)).Output(0);
            n.SetInput(0, transposed);
            n.SetAttribute(NodeAttribute.Int("axis", -1));
            node.AppendAfter(n.Output(0), "Transpose", [], "transpose_back", NodeAttribute.Ints("perm", perm));
        });
    }

    private static bool IsLast(long axis, int? rank) => axis == -1 || (rank is { } r && axis == r - 1);

    private static RulePlan LastAxis(NodeConversion node) =>
        RulePlan.Do(() => node.Node.SetAttribute(NodeAttribute.Int("axis", -1)));
}
