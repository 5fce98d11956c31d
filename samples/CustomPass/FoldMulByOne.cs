using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;

namespace CustomPass;

/// <summary>Options of <c>fold-mul-by-one</c>: none besides the common ones, but every pass has an options record.</summary>
public sealed record FoldMulByOneOptions : PassOptions;

/// <summary>
/// <c>fold-mul-by-one</c>: removes <c>Mul(x, 1)</c> where the 1 is a float constant of one element, so it cannot
/// broadcast x to a bigger shape or change its type. Safe whenever x is not itself a graph output of the same name.
/// </summary>
public sealed class FoldMulByOne(FoldMulByOneOptions? options = null) : PatternPass<FoldMulByOneOptions>(options)
{
    public override string Name => "fold-mul-by-one";

    /// <summary>One counter per pattern name, as the pattern driver counts them; `onnxopt passes` would list it.</summary>
    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
        [StatisticInfo.Count("mul-by-one-removed", "Mul nodes by a single float 1 removed.")];

    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context) => [new MulByOnePattern()];

    private sealed class MulByOnePattern : RewritePattern
    {
        public override string Name => "mul-by-one-removed";

        public override string RootOpType => "Mul";

        public override MatchResult Match(Node root, PassContext context)
        {
            if (root.Input(0) is not { } x || root.Input(1) is not { ConstValue: { } one })
            {
                return MatchResult.Fail("the second operand is not a constant");
            }

            if (one.DataType != DataType.Float || one.ElementCount != 1 || one.Span<float>()[0] != 1f || x.ElementType != DataType.Float)
            {
                return MatchResult.Fail("the constant is not a single float 1");
            }

            Value product = root.Output(0);
            if (product.IsGraphOutput)
            {
                return MatchResult.Fail("the product is a graph output");
            }

            return MatchResult.Rewrite($"forward '{x.Name}' past '{root.Name}'", () =>
            {
                product.ReplaceAllUsesWith(x);
                root.Graph!.RemoveNode(root);
            });
        }
    }
}
