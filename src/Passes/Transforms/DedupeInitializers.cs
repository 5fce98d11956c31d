using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Cleanup;

namespace OnnxOpt.Passes.Transforms;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// `dedupe-initializers`: merges initializers of one graph that hold byte-identical tensors (same element type,
/// dims and bytes): users of a duplicate read the first such initializer instead and the duplicate is removed.
/// Candidates are grouped by type and dims, then by a content hash, and only merged after a full byte compare.
/// When safe: always; initializers that are graph inputs (a caller may override them) or graph outputs are never
/// merged. Subgraph initializers are merged only within their own graph.
/// Statistics: `initializers-merged`, `bytes-saved`. Options: none.
/// </summary>
public sealed class DedupeInitializers(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "dedupe-initializers";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("initializers-merged", "initializers merged into a byte-identical one"),
        StatisticInfo.Count("bytes-saved", "bytes of the merged duplicates"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        foreach (var graph in model.Graph.AllGraphs().ToList())
        {
            if (!Dedupe(graph, context, ref changed))
            {
                break;
            }
        }

        return PassResult.From(changed);
    }

    /// <returns>False when the rewrite budget ran out.</returns>
    private static bool Dedupe(OnnxGraph graph, PassContext context, ref bool changed)
    {
        var pinned = new HashSet<Value>(graph.Inputs);
        pinned.UnionWith(graph.Outputs);
        var byLayout = new Dictionary<(DataType Type, string Dims), List<Value>>();
        foreach (var init in graph.Initializers)
        {
            if (pinned.Contains(init))
            {
                continue;
            }

            var tensor = init.ConstValue!;
            var key = (tensor.DataType, string.Join(",", tensor.Dims));
            if (!byLayout.TryGetValue(key, out var list))
            {
                byLayout[key] = list = [];
            }

            list.Add(init);
        }

        foreach (var group in byLayout.Values)
        {
            if (group.Count < 2)
            {
                continue;
            }

            // Keep the first initializer of each content class; later ones are merged into it.
            var kept = new Dictionary<ulong, List<Value>>();
            foreach (var init in group)
            {
                var tensor = init.ConstValue!;
                ulong hash = TensorHash.Of(tensor);
                if (!kept.TryGetValue(hash, out var candidates))
                {
                    kept[hash] = [init];
                    continue;
                }

                var same = candidates.Find(c => ReferenceEquals(c.ConstValue, tensor) || c.ConstValue!.ContentEquals(tensor));
                if (same is null)
                {
                    candidates.Add(init);
                    continue;
                }

                if (!context.TryRewrite($"merge initializer '{init.Name}' into '{same.Name}'"))
                {
                    return false;
                }

                init.ReplaceAllUsesWith(same);
                graph.RemoveInitializer(init);
                context.Statistics.Add("initializers-merged");
                context.Statistics.Add("bytes-saved", tensor.ByteLength);
                changed = true;
            }
        }

        return true;
    }
}
