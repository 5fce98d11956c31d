namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>
/// A change that only added things an older model cannot contain (negative axes, new optional attributes whose
/// default is the old behaviour, new element types at or below opset 11). Such versions are only ever crossed
/// upwards, because no target is older than opset 11, so nothing needs rewriting.
/// </summary>
internal sealed class CompatibleRule : IVersionRule
{
    public static CompatibleRule Instance { get; } = new();

    private CompatibleRule()
    {
    }

    public RulePlan Plan(NodeConversion node, int since) =>
        node.CrossesDown(since) ? RulePlan.Refuse($"no conversion is known below opset {since}") : RulePlan.Nothing;
}
