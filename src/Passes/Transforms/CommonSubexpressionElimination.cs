using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// `cse`: common subexpression elimination. Walking each graph in order, a node with the same domain, op type,
/// attributes (compared deeply, tensors by bytes), requested outputs and the very same input values as an earlier
/// node is dropped and its users read the earlier node's outputs. Because users are redirected before they are
/// visited, whole duplicated chains collapse in one run. Add, Mul, And, Or, Xor and Equal match with swapped inputs.
/// When safe: ONNX ops are pure functions of their inputs, except the random ones, which are skipped (Random*,
/// Multinomial, Bernoulli, and Dropout, which is random in training mode); nodes with subgraphs are skipped, and a
/// node is kept when one of its outputs is a graph output (or returned by a subgraph), whose name would be lost. Merges happen within one graph.
/// Statistics: `nodes-merged`. Options: none.
/// </summary>
public sealed class CommonSubexpressionElimination(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "cse";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("nodes-merged", "nodes merged into an identical earlier node"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        foreach (var graph in model.Graph.AllGraphs().ToList())
        {
            if (!Eliminate(graph, context, ref changed))
            {
                break;
            }
        }

        return PassResult.From(changed);
    }

    /// <returns>False when the rewrite budget ran out.</returns>
    private static bool Eliminate(OnnxGraph graph, PassContext context, ref bool changed)
    {
        var outputs = new HashSet<Value>(graph.Outputs);
        var seen = new Dictionary<NodeKey, Node>();
        var merged = new List<Node>();
        bool withinBudget = true;
        foreach (var node in graph.Nodes)
        {
            if (!IsCandidate(node))
            {
                continue;
            }

            var key = new NodeKey(node);
            if (!seen.TryGetValue(key, out var earlier))
            {
                seen[key] = node;
                continue;
            }

            if (node.Outputs.Any(o => outputs.Contains(o) || o.IsReturnedBySubgraph))
            {
                continue;
            }

            if (!context.TryRewrite($"merge '{node.Name}' into '{earlier.Name}'"))
            {
                withinBudget = false;
                break;
            }

            for (int i = 0; i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Name.Length > 0)
                {
                    node.Outputs[i].ReplaceAllUsesWith(earlier.Outputs[i]);
                }
            }

            merged.Add(node);
        }

        if (merged.Count > 0)
        {
            graph.RemoveNodes(merged);
            context.Statistics.Add("nodes-merged", merged.Count);
            changed = true;
        }

        return withinBudget;
    }

    private static bool IsCandidate(Node node)
    {
        if (node.Outputs.Count == 0 || node.Attributes.Any(a => a.Kind is AttributeKind.Graph or AttributeKind.Graphs))
        {
            return false;
        }

        return OpRuleTable.IsDeterministic(node);
    }
}
