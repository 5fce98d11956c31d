using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `fuse-conv-mul`: folds a Mul of a Conv output by a per-output-channel constant into the Conv:
/// <c>W' = W * c</c> and <c>b' = b * c</c> per output channel. Per-channel shapes are those of fuse-conv-add
/// ([1,C,1,1], [C,1,1], a scalar; not a rank-1 [C]).
/// When safe: the constant is finite, has the weight's type and broadcasts without changing the Conv output's
/// shape; the Conv output has no other user and is not a graph output; weight and bias are float constants.
/// Results differ only by rounding. The Mul output's name is kept when it is a graph output.
/// Statistics: `muls-fused`, `outputs-renamed`. Options: none.
/// </summary>
public sealed class FuseConvMul(NoOptions? options = null) : PatternPass<NoOptions>(options)
{
    public override string Name => "fuse-conv-mul";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("muls-fused", "per-channel Muls folded into a Conv weight and bias"),
        StatisticInfo.Count("outputs-renamed", "graph outputs whose name moved to the Conv output"),
    ];

    /// <summary>The pattern this pass runs on <paramref name="model"/> (for tracing why a node was not fused).</summary>
    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context) =>
        [new ConvChannelOpPattern("Mul")];
}
