using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>Slice took starts, ends and axes as attributes before opset 10 and as int64 inputs from it.</summary>
internal sealed class SliceAdapter : IVersionRule
{
    public static SliceAdapter Instance { get; } = new();

    private SliceAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesUp(since))
        {
            return RulePlan.Nothing;
        }

        var n = node.Node;
        var starts = n.GetInts("starts");
        var ends = n.GetInts("ends");
        var axes = n.GetInts("axes");
        if (starts is null || ends is null)
        {
            return RulePlan.Refuse("it lacks the starts or ends attribute");
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("starts");
            n.RemoveAttribute("ends");
            n.RemoveAttribute("axes");
            node.SetInput(1, node.AddInt64s("starts", starts));
            node.SetInput(2, node.AddInt64s("ends", ends));
            if (axes is not null)
            {
                node.SetInput(3, node.AddInt64s("axes", axes));
            }
        });
    }
}
