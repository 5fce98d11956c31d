namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>A change whose meaning cannot be carried across in either direction by this converter; the reason says what changed.</summary>
internal sealed class UnsupportedRule(string change) : IVersionRule
{
    public RulePlan Plan(NodeConversion node, int since) =>
        RulePlan.Refuse($"{change} at opset {since}, and this converter does not rewrite that");
}
