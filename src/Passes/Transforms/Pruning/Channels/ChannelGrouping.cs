using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Cuts the components into dependency groups: components that appear in exactly the same tensors form one group, so
/// that the halves of a Split or the parts of a Concat are separate groups (each can be rounded to its own multiple).
/// </summary>
internal static class ChannelGrouping
{
    public static List<ChannelGroup> Build(ChannelElements elements, IReadOnlyDictionary<Value, int[]> layouts, IReadOnlyList<ChannelEdit> edits, IReadOnlyDictionary<int, string> closed)
    {
        var signatures = new Dictionary<int, List<int>>();
        int valueIndex = 0;
        foreach (var layout in layouts.Values)
        {
            foreach (int element in layout)
            {
                int root = elements.Find(element);
                if (!signatures.TryGetValue(root, out var list))
                {
                    signatures[root] = list = [];
                }

                if (list.Count == 0 || list[^1] != valueIndex)
                {
                    list.Add(valueIndex);
                }
            }

            valueIndex++;
        }

        var byKey = new Dictionary<string, List<int>>();
        var order = new List<string>();
        foreach (var (root, values) in signatures.OrderBy(p => p.Key))
        {
            string key = string.Join(',', values);
            if (!byKey.TryGetValue(key, out var roots))
            {
                byKey[key] = roots = [];
                order.Add(key);
            }

            roots.Add(root);
        }

        var groupOf = new Dictionary<int, int>();
        for (int g = 0; g < order.Count; g++)
        {
            foreach (int root in byKey[order[g]])
            {
                groupOf[root] = g;
            }
        }

        var producers = order.Select(_ => new List<string>()).ToArray();
        var consumers = order.Select(_ => new List<string>()).ToArray();
        // Producers come from the sources (so protected Convs show too), consumers from the surgery's edits.
        for (int element = 0; element < elements.Count; element++)
        {
            if (elements.SourceOf(element).Conv is { } conv && groupOf.TryGetValue(elements.Find(element), out int g) && !producers[g].Contains(conv.Name))
            {
                producers[g].Add(conv.Name);
            }
        }

        foreach (var edit in edits.OfType<ConvInputEdit>())
        {
            foreach (int g in edit.Layout.Select(e => groupOf[elements.Find(e)]).Distinct())
            {
                if (!consumers[g].Contains(edit.Node.Name))
                {
                    consumers[g].Add(edit.Node.Name);
                }
            }
        }

        var groups = new List<ChannelGroup>();
        for (int g = 0; g < order.Count; g++)
        {
            var roots = byKey[order[g]];
            string? reason = roots.Select(r => closed.GetValueOrDefault(r)).FirstOrDefault(r => r is not null);
            groups.Add(new ChannelGroup(g, roots, producers[g], consumers[g], order[g].Count(ch => ch == ',') + 1, reason));
        }

        return groups;
    }
}
