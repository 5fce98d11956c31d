using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `fuse-conv-bn`: folds a BatchNormalization that directly follows a Conv into the Conv's weight and bias:
/// <c>W' = W * s</c> and <c>b' = (b - mean) * s + B</c> per output channel, with <c>s = scale / sqrt(var + epsilon)</c>;
/// a Conv without bias gets one. Computed in double, written in the weight's type (float, float16 or double).
/// When safe: the BatchNormalization is in inference form (one output, training_mode 0, is_test 1 before opset 7,
/// spatial 1) and its parameters are float constants of shape [C]; the Conv output has no other user and is not a
/// graph output; the Conv weight (and bias, if any) are float constants. The results differ from the unfused
/// model only by rounding. New weights get fresh names; the old ones stay for eliminate-unused-initializers.
/// A BatchNormalization output that is a graph output keeps its name (the Conv output takes it over).
/// Statistics: `batchnorms-fused`, `outputs-renamed`. Options: none.
/// </summary>
public sealed class FuseConvBn(NoOptions? options = null) : PatternPass<NoOptions>(options)
{
    public override string Name => "fuse-conv-bn";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("batchnorms-fused", "BatchNormalization nodes folded into a Conv"),
        StatisticInfo.Count("outputs-renamed", "graph outputs whose name moved to the Conv output"),
    ];

    /// <summary>The pattern this pass runs on <paramref name="model"/> (for tracing why a node was not fused).</summary>
    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context) =>
        [new ConvBatchNormPattern(model.GetOpset() ?? 1)];
}
