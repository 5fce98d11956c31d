using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

/// <summary>
/// `eliminate-unused-initializers`: drops initializers that no node (in any subgraph) reads and that are not graph
/// outputs (of their graph, or returned directly by a subgraph). An initializer that is also listed as a graph input (IR &lt; 4 style) is kept, because a caller may
/// feed it. Always safe. Options: none.
/// </summary>
public sealed class EliminateUnusedInitializers(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "eliminate-unused-initializers";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("initializers-removed", "initializers nothing reads, removed"),
        StatisticInfo.Count("bytes-removed", "bytes of the removed initializers"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        foreach (var graph in model.Graph.AllGraphs().ToList())
        {
            foreach (var init in graph.Initializers.ToList())
            {
                if (init.HasUses || init.IsGraphOutput || init.IsReturnedBySubgraph || graph.Inputs.Contains(init))
                {
                    continue;
                }

                if (!context.TryRewrite($"remove initializer '{init.Name}'"))
                {
                    return PassResult.From(changed);
                }

                context.Statistics.Add("bytes-removed", init.ConstValue!.ByteLength);
                graph.RemoveInitializer(init);
                context.Statistics.Add("initializers-removed");
                changed = true;
            }
        }

        return PassResult.From(changed);
    }
}
