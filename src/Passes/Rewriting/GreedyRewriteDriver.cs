using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Rewriting;

/// <summary>
/// Applies a pattern set to a graph (and its subgraphs) until no pattern matches or the iteration cap is hit.
/// Each sweep visits the nodes present at its start in order; a node removed by an earlier rewrite is skipped.
/// Patterns of one root are tried in order of benefit (see <see cref="PatternSet"/>); the first that matches rewrites
/// the node. Every rewrite is counted under its pattern's name and asks the rewrite budget first.
/// </summary>
public static class GreedyRewriteDriver
{
    public static RewriteDriverResult Apply(OnnxGraph graph, PatternSet patterns, PassContext context, int maxIterations = 10, MatchTrace? trace = null)
    {
        int rewrites = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            int before = rewrites;
            foreach (var g in graph.AllGraphs().ToList())
            {
                if (!Sweep(g, patterns, context, trace, ref rewrites))
                {
                    return new RewriteDriverResult(rewrites > 0, false, iteration, rewrites);
                }
            }

            if (rewrites == before)
            {
                return new RewriteDriverResult(rewrites > 0, true, iteration, rewrites);
            }
        }

        context.Warn($"rewrites did not converge within {maxIterations} iterations");
        return new RewriteDriverResult(rewrites > 0, false, maxIterations, rewrites);
    }

    /// <returns>False when the rewrite budget ran out.</returns>
    private static bool Sweep(OnnxGraph graph, PatternSet patterns, PassContext context, MatchTrace? trace, ref int rewrites)
    {
        foreach (var node in graph.Nodes.ToList())
        {
            context.ThrowIfCancelled();
            foreach (var pattern in patterns.For(node))
            {
                if (node.Graph is null)
                {
                    break;
                }

                var outcome = pattern.Match(node, context);
                if (trace is not null && trace.Wants(context.CurrentPass, pattern.Name))
                {
                    var failed = outcome as MatchResult.Failure;
                    trace.Record(new MatchTraceEntry(context.CurrentPass, pattern.Name, pattern.Benefit, node.Name, node.OpType, failed is null, failed?.Reason));
                }

                switch (outcome)
                {
                    case MatchResult.Success success:
                        if (!context.TryRewrite($"{pattern.Name} at '{node.Name}'"))
                        {
                            return false;
                        }

                        success.Apply();
                        context.Statistics.Add(pattern.Name);
                        rewrites++;
                        break;
                    case MatchResult.Failure:
                        continue;
                }

                break;
            }
        }

        return true;
    }
}
