using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>
/// A version that let an operator take sequence or optional values (Identity, If, Loop). Going below it, none of the
/// node's inputs or outputs may be of that kind.
/// </summary>
internal sealed class NonTensorRule(TypeProto.ValueOneofCase kind, string what) : IVersionRule
{
    public static NonTensorRule Sequences { get; } = new(TypeProto.ValueOneofCase.SequenceType, "sequence");

    public static NonTensorRule Optionals { get; } = new(TypeProto.ValueOneofCase.OptionalType, "optional");

    public RulePlan Plan(NodeConversion node, int since)
    {
        if (!node.CrossesDown(since))
        {
            return RulePlan.Nothing;
        }

        var value = node.Node.Inputs.Concat(node.Node.Outputs).FirstOrDefault(v => v?.NonTensorType?.ValueCase == kind);
        return value is null
            ? RulePlan.Nothing
            : RulePlan.Refuse($"'{value.Name}' is a{(what[0] is 'o' ? "n" : string.Empty)} {what} value, which {node.Node.OpType} accepts only from opset {since}");
    }
}
