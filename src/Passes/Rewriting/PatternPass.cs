using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Rewriting;

/// <summary>
/// A pass that is a set of rewrite patterns run by the greedy driver to a fixed point. A subclass only says which
/// patterns to run on the model at hand (they may capture the opset or an analysis from the context); the run,
/// the rewrite budget, the statistics (one counter per pattern name) and `--trace-patterns` come from here.
/// </summary>
public abstract class PatternPass<TOptions>(TOptions? options = null) : Pass<TOptions>(options)
    where TOptions : PassOptions, new()
{
    /// <summary>How many sweeps the driver makes before it gives up on reaching a fixed point (and warns).</summary>
    protected virtual int MaxIterations => 10;

    /// <summary>The patterns to run on <paramref name="model"/>; public so tests and tools can ask a pattern why it did not match.</summary>
    public abstract IReadOnlyList<RewritePattern> CreatePatterns(Model model, PassContext context);

    public override PassResult Run(Model model, PassContext context)
    {
        var patterns = new PatternSet(CreatePatterns(model, context));
        var result = GreedyRewriteDriver.Apply(model.Graph, patterns, context, MaxIterations, context.PatternTrace);
        return PassResult.From(result.Changed);
    }
}
