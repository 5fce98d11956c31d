using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// `topo-sort`: orders nodes so every node comes after the producers of its inputs (including values its
/// subgraphs read from this graph), keeping the original relative order wherever it is already valid (a stable
/// Kahn sort), so a sorted graph is left exactly as it was. Fails with a diagnostic on a cycle. Options: none.
/// </summary>
public sealed class TopologicalSort(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "topo-sort";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("graphs-reordered", "graphs (main or subgraph) whose node order changed"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        foreach (var graph in model.Graph.AllGraphs().ToList())
        {
            changed |= Sort(graph, context);
        }

        return PassResult.From(changed);
    }

    private static bool Sort(OnnxGraph graph, PassContext context)
    {
        var nodes = graph.Nodes;
        var index = new Dictionary<Node, int>(nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            index[nodes[i]] = i;
        }

        var pending = new int[nodes.Count];
        var users = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            users[i] = [];
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (var producer in Dependencies(nodes[i], graph).Distinct())
            {
                if (index.TryGetValue(producer, out int p))
                {
                    pending[i]++;
                    users[p].Add(i);
                }
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<Node>(nodes.Count);
        while (ready.TryDequeue(out int i, out _))
        {
            order.Add(nodes[i]);
            foreach (int user in users[i])
            {
                if (--pending[user] == 0)
                {
                    ready.Enqueue(user, user);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            context.Error($"graph '{graph.Name}' has a cycle; nodes left unsorted");
            return false;
        }

        if (order.SequenceEqual(nodes) || !context.TryRewrite($"reorder graph '{graph.Name}'"))
        {
            return false;
        }

        graph.ReorderNodes(order);
        context.Statistics.Add("graphs-reordered");
        return true;
    }

    /// <summary>Producers in this graph of the node's inputs and of outer values its subgraphs read.</summary>
    private static IEnumerable<Node> Dependencies(Node node, OnnxGraph graph)
    {
        foreach (var input in node.Inputs)
        {
            if (input?.Producer is { } p && p.Graph == graph)
            {
                yield return p;
            }
        }

        foreach (var inner in node.Subgraphs().SelectMany(s => s.AllNodes()))
        {
            foreach (var input in inner.Inputs)
            {
                if (input?.Producer is { } p && p.Graph == graph)
                {
                    yield return p;
                }
            }
        }
    }
}
