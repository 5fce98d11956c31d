using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Cleanup;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `eliminate-neutral-arith`: removes elementwise arithmetic with a constant neutral operand and points its users at
/// the other operand: Add of an all-zero constant (either side), Sub of an all-zero constant (second operand only),
/// Mul by an all-ones constant (either side), Div by an all-ones constant (divisor only) and Pow with an all-ones
/// constant exponent. ONNX Runtime's basic offline optimizer removes the same nodes.
/// When safe: only where the result is provably the other operand. The constant must be a plain initializer or a
/// Constant node (never a graph input that a caller may feed), every element exactly 0 or 1 (1.0000001 is not 1),
/// and its broadcast must not change the other operand's shape: its rank is at most the other operand's rank and
/// each of its dims is 1 or equal to the other operand's known dim (declared, or where that does not prove it, inferred
/// as `infer-shapes` would, without writing annotations; removals keep every shape, so one inference per run stays valid) at the aligned position (a scalar always
/// qualifies). For Add/Sub/Mul/Div the constant's element type must equal the other operand's (ONNX binds both to
/// the same type, so an undeclared type is taken from the constant); Pow's exponent may have any numeric type.
/// Integer types are exact. For floats, x*1, x/1 and x^1 are bit-exact (NaN, infinities and -0.0 included); x+0 and
/// x-(-0.0) map -0.0 to +0.0, and this pass, like ONNX Runtime's optimizer, treats -0.0 and +0.0 as equal (they
/// compare equal and differ only in the sign of a zero result or of a later division by zero).
/// Graph output names never change: forwarding follows eliminate-identity's rule (<see cref="OutputForwarding"/>).
/// Statistics: `OP-neutral-removed` per op type (`add-neutral-removed`, ...) and `outputs-renamed`.
/// Options: none.
/// </summary>
public sealed class EliminateNeutralArith(NoOptions? options = null) : PatternPass<NoOptions>(options)
{
    public override string Name => "eliminate-neutral-arith";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("add-neutral-removed", "Add of zeros nodes removed"),
        StatisticInfo.Count("sub-neutral-removed", "Sub of zeros nodes removed"),
        StatisticInfo.Count("mul-neutral-removed", "Mul by ones nodes removed"),
        StatisticInfo.Count("div-neutral-removed", "Div by ones nodes removed"),
        StatisticInfo.Count("pow-neutral-removed", "Pow with exponent one nodes removed"),
        StatisticInfo.Count("outputs-renamed", "graph outputs whose name moved to the value that replaced them"),
    ];

    /// <summary>The patterns this pass runs on <paramref name="model"/>, one per op type.</summary>
    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context)
    {
        var types = InferredShapes.For(model, context);
        return
        [
            new NeutralOperandPattern("Add", NeutralOperand.Zero, [0, 1], types),
            new NeutralOperandPattern("Sub", NeutralOperand.Zero, [1], types),
            new NeutralOperandPattern("Mul", NeutralOperand.One, [0, 1], types),
            new NeutralOperandPattern("Div", NeutralOperand.One, [1], types),
            new NeutralOperandPattern("Pow", NeutralOperand.One, [1], types, sameType: false),
        ];
    }
}
