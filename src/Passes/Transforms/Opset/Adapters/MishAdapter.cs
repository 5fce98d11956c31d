using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>Mish (opset 18) below 18: x * Tanh(Softplus(x)), its definition.</summary>
internal sealed class MishAdapter : IVersionRule
{
    public static MishAdapter Instance { get; } = new();

    private MishAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var x = node.Node.Input(0)!;
        return RulePlan.Do(() =>
        {
            var softplus = node.InsertBefore("Softplus", [x], "softplus").Output(0);
            var tanh = node.InsertBefore("Tanh", [softplus], "tanh").Output(0);
            node.ReplaceWith(node.InsertBefore("Mul", [x, tanh], "mul").Output(0));
        });
    }
}
