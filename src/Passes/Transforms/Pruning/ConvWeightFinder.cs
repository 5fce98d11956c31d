using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// Picks the Conv weights `prune-conv-l1` may prune: Convs whose node name passes include/exclude, whose weight is a
/// float, float16 or double initializer that no caller can replace, that pass the depthwise, size and 2:4 channel
/// checks, and whose weight nobody else reads (a weight shared by several selected Convs is one target).
/// </summary>
public static class ConvWeightFinder
{
    public static ConvWeightSelection Find(Model model, PruneConvL1Options options)
    {
        var include = options.Include.Length == 0 ? null : PruneConvL1Options.CreateRegex(options.Include);
        var exclude = options.Exclude.Length == 0 ? null : PruneConvL1Options.CreateRegex(options.Exclude);
        var skipped = new List<SkippedConv>();
        var candidates = new List<Node>();
        int filtered = 0;
        foreach (var node in model.Graph.AllNodes())
        {
            if (!node.Is("Conv"))
            {
                continue;
            }

            if ((include is not null && !include.IsMatch(node.Name)) || (exclude is not null && exclude.IsMatch(node.Name)))
            {
                filtered++;
                continue;
            }

            if (Problem(node, options) is var (reason, requested))
            {
                skipped.Add(new SkippedConv(node.Name, node.Input(1)?.Name ?? string.Empty, reason, requested));
            }
            else
            {
                candidates.Add(node);
            }
        }

        var selected = candidates.ToHashSet();
        var targets = new List<ConvWeightTarget>();
        foreach (var group in candidates.GroupBy(n => n.Input(1)!))
        {
            var weight = group.Key;
            if (OtherReader(weight, selected) is { } other)
            {
                skipped.AddRange(group.Select(n => new SkippedConv(n.Name, weight.Name, other)));
            }
            else
            {
                targets.Add(new ConvWeightTarget(weight, group.ToList()));
            }
        }

        return new ConvWeightSelection(targets, skipped, filtered);
    }

    /// <summary>Depthwise: one input channel per group and more than one group.</summary>
    public static bool IsDepthwise(Node conv, Tensor weight) => weight.Rank >= 2 && weight.Dims[1] == 1 && conv.GetInt("group", 1) > 1;

    /// <summary>Why this Conv's weight cannot or should not be pruned, and whether the options asked for the skip; null when it can be.</summary>
    private static (string Reason, bool Requested)? Problem(Node conv, PruneConvL1Options options)
    {
        var weight = conv.Input(1);
        if (weight?.ConstValue is not { } tensor)
        {
            return ("weight is not an initializer", false);
        }

        if (weight.IsGraphInput)
        {
            return ("weight is also a graph input, so a caller may replace it", false);
        }

        if (tensor.DataType is not (DataType.Float or DataType.Float16 or DataType.Double))
        {
            return ($"weight type {tensor.DataType.OnnxName()} is not pruned (only float, float16 and double are)", false);
        }

        if (tensor.Rank < 3)
        {
            return ($"weight has rank {tensor.Rank}, not a Conv kernel layout", false);
        }

        if (options.SkipDepthwise && IsDepthwise(conv, tensor))
        {
            return ("depthwise (skip-depthwise=true)", true);
        }

        if (tensor.ElementCount < options.MinWeights)
        {
            return ($"{tensor.ElementCount} weights, fewer than min-weights={options.MinWeights}", true);
        }

        if (options.Pattern == PrunePattern.TwoOfFour && tensor.Dims[1] % 4 != 0)
        {
            return ($"2:4 needs input channels per group divisible by 4, this Conv has {tensor.Dims[1]}", false);
        }

        return null;
    }

    /// <summary>Why the weight cannot be pruned because something besides the selected Convs' weight inputs reads it.</summary>
    private static string? OtherReader(Value weight, HashSet<Node> selected)
    {
        if (weight.IsGraphOutput)
        {
            return "weight is also a graph output";
        }

        foreach (var use in weight.Uses)
        {
            if (!selected.Contains(use.Node) || use.InputIndex != 1)
            {
                return use.Node.Is("Conv") && use.InputIndex == 1
                    ? $"weight is shared with Conv '{use.Node.Name}', which is not selected"
                    : $"weight is also read by {use.Node}";
            }
        }

        return null;
    }
}
