using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>
/// A version that let an operator take sequence or optional values (Identity, If, Loop). Going below it, none of the
/// node's inputs or outputs may be of that kind.
/// </summary>
internal sealed class NonTensorRule(NonTensorKind kind, string what) : IVersionRule
{
    public static NonTensorRule Sequences { get; } = new(NonTensorKind.Sequence, "sequence");

    public static NonTensorRule Optionals { get; } = new(NonTensorKind.Optional, "optional");

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        var value = node.Node.Inputs.Concat(node.Node.Outputs).FirstOrDefault(v => v?.NonTensorType?.Kind == kind);
        return value is null
            ? RulePlan.Nothing
            : RulePlan.Refuse($"'{value.Name}' is a{(what[0] is 'o' ? "n" : string.Empty)} {what} value, which {node.Node.OpType} accepts only from opset {since}");
    }
}
