using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;
using OnnxOpt.Passes.Transforms.Cleanup;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `fuse-reshape-shape`: replaces a Reshape's computed shape input, a Concat of pieces built from shapes
/// (<c>Shape(v)</c>, optionally with start/end or Sliced, <c>Gather(Shape(v), i)</c>, optionally Unsqueezed to 1-D)
/// and int64 constants, by one constant shape, as ONNX Runtime's ReshapeFusion does: a dim that copies the Reshape
/// data's dim at the same position becomes 0 ("copy this dim from the input"), constants stay as they are, and at
/// most one remaining dim becomes -1 (when the shape has no -1 yet). The Shape/Gather/Unsqueeze/Concat chain is left
/// for eliminate-dead-nodes.
/// When safe: a 0 is exact when the piece is dim p of <c>Shape(x)</c> placed at position p and x is the Reshape's
/// data, or another value whose dim p is provably the same (equal known size or the same symbol in declared shapes
/// or shapes inferred as infer-shapes would; ONNX gives one symbol one size throughout a model). A -1 is exact
/// because the original shape's element count equals the data's, so -1 recovers the replaced dim; it is refused
/// next to a constant 0, and it assumes the data is not empty (with a zero-sized dim elsewhere -1 is ambiguous;
/// ONNX Runtime's fusion makes the same assumption). Refused when the Reshape sets allowzero=1 (there 0 means a
/// zero-sized dim), when two dims would become -1, and for constants below -1.
/// Statistics: `reshape-shapes-fused`. Options: none.
/// </summary>
public sealed class FuseReshapeShape(NoOptions? options = null) : PatternPass<NoOptions>(options)
{
    public override string Name => "fuse-reshape-shape";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("reshape-shapes-fused", "Reshape shape computations replaced by a constant"),
    ];

    /// <summary>The pattern this pass runs on <paramref name="model"/> (for tracing why a Reshape's shape was not fused).</summary>
    public override IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext? context = null)
    {
        // Shapes are inferred as infer-shapes would, without writing annotations: rewrites keep every shape.
        var types = InferredShapes.For(model, context);
        return [new ReshapeShapePattern(value => value.Shape ?? types.Value.TypeOf(value).Shape)];
    }
}
