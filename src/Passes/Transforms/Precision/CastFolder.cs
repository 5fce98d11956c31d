using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Precision;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>One sweep of `fold-casts` over one graph at a time (see <see cref="FoldCasts"/> for the rules).</summary>
internal sealed class CastFolder(ElementTypeAnalysis types, bool allowPrecisionLoss, PassContext context, ISet<Node> lossyKept)
{
    public bool OutOfBudget { get; private set; }

    public bool Fold(OnnxGraph graph)
    {
        bool changed = false;
        foreach (var node in graph.Nodes.ToList())
        {
            if (OutOfBudget)
            {
                return changed;
            }

            if (node.Graph == graph && node.Is("Cast") && node.Input(0) is not null)
            {
                changed |= FoldOne(graph, node);
            }
        }

        return changed | MergeDuplicates(graph);
    }

    private bool Allow(string what)
    {
        if (context.TryRewrite(what))
        {
            return true;
        }

        OutOfBudget = true;
        return false;
    }

    private bool FoldOne(OnnxGraph graph, Node cast)
    {
        var input = cast.Input(0)!;
        var to = (DataType)cast.GetInt("to", 0);
        var from = types.TypeOf(input);
        if (from != DataType.Undefined && from == to)
        {
            return Bypass(graph, cast, input, "identity-casts-removed");
        }

        if (input.Producer is { } upstream && upstream.Is("Cast") && upstream.Input(0) is { } origin)
        {
            return FoldChain(graph, cast, upstream, origin, from, to);
        }

        if (ConstantOf(input) is { } data && !cast.Output().IsGraphOutput && CastEvaluator.TryEvaluate(data, to) is { } folded)
        {
            if (!Allow($"fold Cast '{cast.Name}' of a constant"))
            {
                return false;
            }

            var output = cast.Output();
            string name = output.Name;
            output.Name = graph.UniqueName($"{name}_folded");
            var initializer = graph.AddInitializer(name, folded);
            output.ReplaceAllUsesWith(initializer);
            graph.RemoveNode(cast);
            RemoveIfDead(input);
            context.Statistics.Add("constant-casts-folded");
            return true;
        }

        return false;
    }

    private bool FoldChain(OnnxGraph graph, Node cast, Node upstream, Value origin, DataType middle, DataType to)
    {
        var start = types.TypeOf(origin);
        if (start == DataType.Undefined || middle == DataType.Undefined)
        {
            return false;
        }

        bool lossless = CastSemantics.IsExact(start, middle);
        bool roundingOnly = CastSemantics.IsRoundingFloat(start) && CastSemantics.IsRoundingFloat(middle) && CastSemantics.IsRoundingFloat(to);
        if (!lossless && !(allowPrecisionLoss && roundingOnly))
        {
            lossyKept.Add(cast);
            return false;
        }

        string counter = lossless ? "cast-chains-folded" : "lossy-chains-folded";
        bool changed;
        if (start == to)
        {
            changed = Bypass(graph, cast, origin, counter);
        }
        else
        {
            if (!Allow($"compose Casts '{upstream.Name}' and '{cast.Name}'"))
            {
                return false;
            }

            cast.SetInput(0, origin);
            context.Statistics.Add(counter);
            changed = true;
        }

        if (changed)
        {
            RemoveIfDead(upstream.Output());
        }

        return changed;
    }

    /// <summary>Removes a Cast whose output equals <paramref name="replacement"/>, keeping graph output names.</summary>
    private bool Bypass(OnnxGraph graph, Node cast, Value replacement, string counter)
    {
        var output = cast.Output();
        bool renames = output.IsGraphOutput;
        if (renames && !(replacement.Producer is { } p && p.Graph == graph && !replacement.IsGraphOutput))
        {
            // The forwarded value cannot take the output's name (it is an input, a constant, an outer value or an output itself).
            return false;
        }

        if (!Allow($"remove Cast '{cast.Name}'"))
        {
            return false;
        }

        output.ReplaceAllUsesWith(replacement);
        string name = output.Name;
        var shape = output.Shape;
        for (int i = 0; i < graph.Outputs.Count; i++)
        {
            if (graph.Outputs[i] == output)
            {
                graph.SetOutput(i, replacement);
            }
        }

        graph.RemoveNode(cast);
        if (renames)
        {
            replacement.Name = name;
            replacement.Shape = shape ?? replacement.Shape;
            replacement.ElementType = output.ElementType != DataType.Undefined ? output.ElementType : replacement.ElementType;
        }

        context.Statistics.Add(counter);
        return true;
    }

    /// <summary>Merges Casts of one value to one type: later ones forward to the first (which comes earlier, so it dominates their users).</summary>
    private bool MergeDuplicates(OnnxGraph graph)
    {
        bool changed = false;
        var first = new Dictionary<(Value, long, long), Node>();
        foreach (var node in graph.Nodes.ToList())
        {
            if (OutOfBudget || !node.Is("Cast") || node.Input(0) is not { } input)
            {
                continue;
            }

            var key = (input, node.GetInt("to", 0), node.GetInt("saturate", 1));
            if (!first.TryGetValue(key, out var kept))
            {
                first[key] = node;
                continue;
            }

            if (node.Output().IsGraphOutput || !Allow($"merge Cast '{node.Name}' into '{kept.Name}'"))
            {
                continue;
            }

            node.Output().ReplaceAllUsesWith(kept.Output());
            graph.RemoveNode(node);
            context.Statistics.Add("duplicate-casts-merged");
            changed = true;
        }

        return changed;
    }

    /// <summary>The data of an initializer (not one a caller may override) or of a Constant node's tensor.</summary>
    private static Tensor? ConstantOf(Value value)
    {
        if (value.IsInitializer)
        {
            return value.IsGraphInput ? null : value.ConstValue;
        }

        if (value.Producer is { } p && p.Is("Constant") && !p.HasAttribute("sparse_value"))
        {
            return ConstantNode.Value(p, stringShorthands: false);
        }

        return null;
    }

    /// <summary>Removes an initializer, Constant or Cast that nothing reads any more.</summary>
    private static void RemoveIfDead(Value value)
    {
        if (value.IsUsedOrReturned || value.Graph is null)
        {
            return;
        }

        if (value.IsInitializer)
        {
            if (!value.IsGraphInput)
            {
                value.Graph.RemoveInitializer(value);
            }

            return;
        }

        if (value.Producer is { } producer && (producer.Is("Constant") || producer.Is("Cast"))
            && producer.Outputs.All(o => !o.IsUsedOrReturned) && producer.Graph is { } owner)
        {
            owner.RemoveNode(producer);
        }
    }
}
