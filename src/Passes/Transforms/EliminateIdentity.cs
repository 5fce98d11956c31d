using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `eliminate-identity`: removes nodes that pass their first input through unchanged and points their users at
/// that input. Removed: Identity; Dropout in inference (mask output unused; training_mode absent or a constant
/// false from opset 12, is_test=1 before opset 7); and, only where provably a no-op, Cast/CastLike to the input's
/// own known type, Reshape to the input's own shape (constant target, static dims or copied 0 dims), Transpose
/// with the identity permutation, Expand to a constant shape that broadcasts to the input's own static shape,
/// Pad with all-zero pads, Slice covering every axis it names with step 1, Concat of a single input and Split
/// into a single output covering the whole axis.
/// When safe: always for the cases above. Graph input and output names never change: when the no-op's output is
/// a graph output, its input takes over the name only if it is a node output of the same graph, not itself a graph
/// input, output or initializer, with no other user; otherwise the node stays.
/// Statistics: `OP-removed` per op type (`identity-removed`, `dropout-removed`, ...) and `outputs-renamed`.
/// Options: none.
/// </summary>
public sealed class EliminateIdentity(NoOptions? options = null) : PatternPass<NoOptions>(options)
{
    public override string Name => "eliminate-identity";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("identity-removed", "Identity nodes removed as no-ops"),
        StatisticInfo.Count("dropout-removed", "inference Dropout nodes removed as no-ops"),
        StatisticInfo.Count("cast-removed", "Cast nodes removed as no-ops"),
        StatisticInfo.Count("castlike-removed", "CastLike nodes removed as no-ops"),
        StatisticInfo.Count("reshape-removed", "Reshape nodes removed as no-ops"),
        StatisticInfo.Count("transpose-removed", "Transpose nodes removed as no-ops"),
        StatisticInfo.Count("expand-removed", "Expand nodes removed as no-ops"),
        StatisticInfo.Count("pad-removed", "Pad nodes removed as no-ops"),
        StatisticInfo.Count("slice-removed", "Slice nodes removed as no-ops"),
        StatisticInfo.Count("concat-removed", "single-input Concat nodes removed as no-ops"),
        StatisticInfo.Count("split-removed", "single-output Split nodes removed as no-ops"),
        StatisticInfo.Count("outputs-renamed", "graph outputs whose name moved to the value that replaced them"),
    ];

    /// <summary>The patterns this pass runs on <paramref name="model"/>, one per op type (for tracing why a node was kept).</summary>
    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context)
    {
        long opset = model.GetOpset() ?? 1;
        return
        [
            new NoOpPattern("Identity", NoOpRules.Identity),
            new NoOpPattern("Dropout", node => NoOpRules.Dropout(node, opset)),
            new NoOpPattern("Cast", NoOpRules.Cast),
            new NoOpPattern("CastLike", NoOpRules.CastLike),
            new NoOpPattern("Reshape", NoOpRules.Reshape),
            new NoOpPattern("Transpose", NoOpRules.Transpose),
            new NoOpPattern("Expand", NoOpRules.Expand),
            new NoOpPattern("Pad", NoOpRules.Pad),
            new NoOpPattern("Slice", NoOpRules.Slice),
            new NoOpPattern("Concat", NoOpRules.Concat),
            new NoOpPattern("Split", NoOpRules.Split),
        ];
    }
}
