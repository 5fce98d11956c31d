using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// `eliminate-dead-nodes`: removes nodes none of whose outputs reaches a graph output (directly or through
/// other nodes), in the main graph and in every subgraph. Always safe: a node whose results nobody reads cannot
/// affect the outputs. Ops with side effects do not exist in inference ONNX, so no node is kept for its effects.
/// Options: none.
/// </summary>
public sealed class EliminateDeadNodes(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "eliminate-dead-nodes";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("nodes-removed", "nodes removed because no graph output depends on them"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        foreach (var graph in model.Graph.AllGraphs().ToList())
        {
            changed |= Sweep(graph, context);
        }

        return PassResult.From(changed);
    }

    private static bool Sweep(OnnxGraph graph, PassContext context)
    {
        // Walk backwards: a node is live when any output is a graph output, returned directly by a subgraph, or used
        // by a live node (uses from subgraphs count through their owning node, which is live or dead as a whole).
        var live = new HashSet<Node>();
        for (int i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            var node = graph.Nodes[i];
            if (node.Outputs.Any(o => o.IsGraphOutput || o.IsReturnedBySubgraph || o.Uses.Any(u => IsLiveUser(u.Node, graph, live))))
            {
                live.Add(node);
            }
        }

        var dead = graph.Nodes.Where(n => !live.Contains(n)).ToList();
        if (dead.Count == 0 || !context.TryRewrite($"remove {dead.Count} dead nodes"))
        {
            return false;
        }

        graph.RemoveNodes(dead);
        context.Statistics.Add("nodes-removed", dead.Count);
        return true;
    }

    private static bool IsLiveUser(Node user, OnnxGraph graph, HashSet<Node> live)
    {
        // Users not in this graph's node list (already detached) are not live. Users that come later in a
        // non-topological graph are resolved on the next run of the pass; the verifier rejects such graphs anyway.
        return graph.OutermostNodeOf(user) is { } owner && live.Contains(owner);
    }
}
