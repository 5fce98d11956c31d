using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// `infer-shapes`: sets the element type and shape of every node output that the rule table (<see cref="ShapeRules"/>)
/// can work out, propagating small compile-time values (shape arithmetic) on the way. Declared types are never
/// contradicted: inference only fills unknown types, ranks and unknown or symbolic dims, and a disagreement with a
/// declared type is reported as a warning. Always safe: it changes annotations, not computation. Options: none.
/// </summary>
public sealed class InferShapes(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "infer-shapes";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("values-typed", "node outputs whose element type or shape was filled in"),
    ];

    /// <summary>Writes the cached type-and-shape analysis (<see cref="InferredShapes"/>) that the cleanup passes also read.</summary>
    public override PassResult Run(Model model, PassContext context) => PassResult.From(Apply(model, context, InferredShapes.For(model, context).Value));

    /// <summary>
    /// Infers and writes types; shared with `fix-input-shape`, which has just changed input shapes and so passes no
    /// analysis (a fresh one is computed). Returns whether any annotation changed.
    /// </summary>
    internal static bool Apply(Model model, PassContext context, ShapePropagator? analysis = null)
    {
        var propagator = analysis ?? InferredShapes.Compute(model).Propagator;
        foreach (var (node, value, message) in propagator.Conflicts)
        {
            context.Warn($"'{value.Name}': {message}", node.Name);
        }

        bool changed = false;
        foreach (var node in model.Graph.Nodes)
        {
            foreach (var output in node.Outputs)
            {
                if (output.Name.Length == 0 || output.NonTensorType is not null)
                {
                    continue;
                }

                var type = propagator.TypeOf(output);
                bool sameShape = type.Shape is null ? output.Shape is null : type.Shape.Equals(output.Shape);
                if (type.ElementType == output.ElementType && sameShape)
                {
                    continue;
                }

                if (!context.TryRewrite($"type '{output.Name}'"))
                {
                    return changed;
                }

                output.ElementType = type.ElementType;
                output.Shape = type.Shape;
                context.Statistics.Add("values-typed");
                changed = true;
            }
        }

        return changed;
    }
}
