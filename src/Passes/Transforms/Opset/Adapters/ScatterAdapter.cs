using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>Scatter was removed at opset 11 in favour of ScatterElements, which computes the same thing.</summary>
internal sealed class ScatterAdapter : IVersionRule
{
    public static ScatterAdapter Instance { get; } = new();

    private ScatterAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since) => RulePlan.Do(() => node.Node.OpType = "ScatterElements");
}
