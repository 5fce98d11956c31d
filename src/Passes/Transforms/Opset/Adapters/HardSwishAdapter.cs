using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>HardSwish (opset 14) below 14: x * HardSigmoid(x, alpha=1/6, beta=0.5), its definition.</summary>
internal sealed class HardSwishAdapter : IVersionRule
{
    public static HardSwishAdapter Instance { get; } = new();

    private HardSwishAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var x = node.Node.Input(0)!;
        return RulePlan.Do(() =>
        {
            var gate = node.InsertBefore("HardSigmoid", [x], "hard_sigmoid", NodeAttribute.Float("alpha", 1f / 6f), NodeAttribute.Float("beta", 0.5f)).Output(0);
            node.ReplaceWith(node.InsertBefore("Mul", [x, gate], "mul").Output(0));
        });
    }
}
