
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Rewriting;

/// <summary>A pass that is a set of rewrite patterns run by the greedy driver to a fixed point.</summary>
public abstract class PatternPass<TOptions>(TOptions? options = null) : Pass<TOptions>(options)
    where TOptions : PassOptions, new()
{
    protected abstract IEnumerable<RewritePattern> CreatePatterns();

    protected virtual int MaxIterations => 10;

    public override PassResult Run(Model model, PassContext context)
    {
        var result = GreedyRewriteDriver.Apply(model.Graph, new PatternSet(CreatePatterns()), context, MaxIterations);
        return PassResult.From(result.Changed);
    }
}
