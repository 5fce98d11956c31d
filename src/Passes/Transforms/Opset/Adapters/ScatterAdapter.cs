namespace OnnxOpt.Passes.Opset;

/// <summary>Scatter was removed at opset 11 in favour of ScatterElements, which computes the same thing.</summary>
internal sealed class ScatterAdapter : IVersionRule
{
    public static ScatterAdapter Instance { get; } = new();

    private ScatterAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since) => RulePlan.Do(() => node.Node.OpType = "ScatterElements");
}
