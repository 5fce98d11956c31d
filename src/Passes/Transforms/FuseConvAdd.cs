using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `fuse-conv-add`: folds an Add of a Conv output and a per-output-channel constant into the Conv bias
/// (<c>b' = b + c</c>; a Conv without bias gets one). Per-channel means shape [1,C,1,1], [C,1,1], a scalar, or in
/// general 1 on every axis except the channel axis after right-aligning with the Conv output; a rank-1 [C]
/// aligns with the last axis, so it is not per-channel and is left alone.
/// When safe: the constant broadcasts without changing the Conv output's shape and has the weight's type; the Conv
/// output has no other user and is not a graph output; weight and bias are float constants. Exact up to the
/// rounding of <c>b + c</c>. The Add output's name is kept when it is a graph output.
/// Statistics: `adds-fused`, `outputs-renamed`. Options: none.
/// </summary>
public sealed class FuseConvAdd(NoOptions? options = null) : PatternPass<NoOptions>(options)
{
    public override string Name => "fuse-conv-add";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("adds-fused", "per-channel Adds folded into a Conv bias"),
        StatisticInfo.Count("outputs-renamed", "graph outputs whose name moved to the Conv output"),
    ];

    /// <summary>The pattern this pass runs on <paramref name="model"/> (for tracing why a node was not fused).</summary>
    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context) =>
        [new ConvChannelOpPattern("Add")];
}
