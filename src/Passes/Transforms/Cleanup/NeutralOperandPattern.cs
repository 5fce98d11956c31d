using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Removes a binary elementwise node of one op type when the operand at one of <paramref name="positions"/> is a
/// constant neutral for it (<see cref="NeutralOperand"/>), forwarding the other operand with
/// <see cref="OutputForwarding"/> so graph output names are kept. With <paramref name="sameType"/> the constant's
/// element type must equal the other operand's. Declared types and shapes are tried first; only when they do
/// not prove it is <paramref name="types"/> (declared merged with inferred) computed and consulted.
/// </summary>
internal sealed class NeutralOperandPattern(string opType, double neutral, int[] positions, Lazy<ShapePropagator> types, bool sameType = true) : RewritePattern
{
    public override string Name { get; } = $"{opType.ToLowerInvariant()}-neutral-removed";

    public override string RootOpType => opType;

    public override MatchResult Match(Node root, PassContext context)
    {
        if (root.Inputs.Count != 2 || root.Outputs.Count != 1 || root.Input(0) is null || root.Input(1) is null)
        {
            return MatchResult.Fail("not a binary node with one output");
        }

        string reason = "no operand is a constant";
        foreach (int position in positions)
        {
            var other = root.Input(1 - position)!;
            if (ConstantValues.TryGet(root.Input(position)) is not { } constant)
            {
                continue;
            }

            if (Prove(constant, other) is { } failed)
            {
                reason = $"operand {position}: {failed}";
                continue;
            }

            var output = root.Output(0);
            if (OutputForwarding.Check(root, output, other) is { } blocked)
            {
                return MatchResult.Fail(blocked);
            }

            return MatchResult.Rewrite($"forward '{other.Name}' past neutral {opType} '{root.Name}'", () =>
            {
                if (OutputForwarding.ForwardAndRemove(root, output, other))
                {
                    context.Statistics.Add("outputs-renamed");
                }
            });
        }

        return MatchResult.Fail(reason);
    }

    private string? Prove(Tensor constant, Value other)
    {
        if (NeutralOperand.HasValue(constant, neutral) is { } notNeutral)
        {
            return notNeutral;
        }

        return Fits(constant, other.Name, new TensorType(other.ElementType, other.Shape)) is null
            ? null
            : Fits(constant, other.Name, types.Value.TypeOf(other));
    }

    private string? Fits(Tensor constant, string other, TensorType type)
    {
        if (sameType && type.ElementType != DataType.Undefined && type.ElementType != constant.DataType)
        {
            return $"the constant is {constant.DataType.OnnxName()} and '{other}' is {type.ElementType.OnnxName()}";
        }

        return NeutralOperand.KeepsShape(constant, other, type.Shape);
    }
}
