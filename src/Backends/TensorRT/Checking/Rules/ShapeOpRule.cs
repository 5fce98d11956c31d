using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>
/// Restrictions of the ops dynamic-shape exports use to compute shapes: ConstantOfShape fills FP32 only before
/// TensorRT 10, and TensorRT 8.2 imports a floating-point Range only when start, limit and delta are constants.
/// Both go away when the shape subgraph is folded (for a dynamic export, after its input shapes are fixed).
/// </summary>
public sealed class ShapeOpRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        var parser = context.Parser;
        foreach (var node in context.Nodes)
        {
            if (node.Is("ConstantOfShape") && parser.ConstantOfShapeTypes is { } fills)
            {
                var type = node.FindAttribute("value")?.RawValue is Tensor t ? t.DataType : DataType.Float;
                if (!fills.Contains(type))
                {
                    context.Report(node, CheckSeverity.Unsupported, "constant-of-shape-type",
                        $"{parser.Name} fills ConstantOfShape with {string.Join("/", fills.Select(f => f.OnnxName()))} only, not {type.OnnxName()}", Fold(context, node));
                }
            }
            else if (node.Is("Range") && parser.FloatRangeNeedsConstants && context.Types.Resolve(node.Input(0)).IsFloatingPoint()
                && !node.Inputs.All(ParserWeights.IsConstantLike))
            {
                context.Report(node, CheckSeverity.Unsupported, "dynamic-float-range",
                    $"{parser.Name} imports a floating-point Range only when start, limit and delta are constants", Fold(context, node));
            }
        }
    }

    private static SuggestedFix Fold(CheckContext context, Node node) =>
        context.FoldFix(node.Outputs, "the shape subgraph folds to constants")
        ?? new SuggestedFix(null, "it is computed from the input data, not only from shapes, so folding cannot remove it");
}
