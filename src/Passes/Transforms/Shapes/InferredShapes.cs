using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>
/// The one type-and-shape analysis: types and shapes of every value (element types from the op-rule table, shapes
/// from the shape rules), without writing them into the model. Kept in the pass context's analysis cache, so
/// infer-shapes and the cleanup passes that need it share one computation until a pass changes the model.
/// </summary>
internal sealed class InferredShapes(ShapePropagator propagator)
{
    public ShapePropagator Propagator { get; } = propagator;

    /// <summary>Computed on first use; from the analysis cache when a context is given.</summary>
    public static Lazy<ShapePropagator> For(Model model, PassContext? context) =>
        new(() => (context is null ? Compute(model) : context.Analyses.Get(model, Compute)).Propagator);

    /// <summary>A fresh analysis of the model as it is now, bypassing the cache.</summary>
    public static InferredShapes Compute(Model model)
    {
        long opset = model.GetOpset() ?? 1;
        var propagator = new ShapePropagator(opset, ShapePropagator.SmallValues(opset));
        propagator.Run(model.Graph);
        return new InferredShapes(propagator);
    }
}
