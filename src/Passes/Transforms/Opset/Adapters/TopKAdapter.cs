using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>TopK took `k` as an attribute before opset 10 and as a one-element int64 input from it.</summary>
internal sealed class TopKAdapter : IVersionRule
{
    public static TopKAdapter Instance { get; } = new();

    private TopKAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesUp(since))
        {
            return RulePlan.Nothing;
        }

        var n = node.Node;
        if (n.FindAttribute("k") is not { } k)
        {
            return RulePlan.Refuse("it lacks the k attribute");
        }

        return RulePlan.Do(() =>
        {
            n.RemoveAttribute("k");
            node.SetInput(1, node.AddInt64s("k", [k.AsInt()]));
        });
    }
}
