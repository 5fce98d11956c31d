using System.Globalization;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// `prune-conv-l1`: L1 magnitude pruning of Conv weights, the paper's step. With scope=layer every selected Conv
/// gets its `round(amount * n)` smallest-magnitude weights set to zero; with scope=global one magnitude threshold
/// over all selected Conv weights zeroes `round(amount * N)` of them overall; with pattern=2:4 the 2 smallest of
/// every 4 consecutive input channels become zero (TensorRT's sparse tensor core layout). Already-zero weights
/// count toward the amount and ties are broken by position, so the result is reproducible and running the pass
/// twice equals running it once. Only Conv weight initializers change (biases and every other tensor stay
/// byte-identical); a weight shared by several selected Convs is pruned once.
/// <para>Not semantics-preserving: outputs change, by an amount measured with `onnxopt verify` or `prune-scan`.
/// Unstructured sparsity makes a compressed file smaller but no dense kernel faster; only 2:4 speeds up, on
/// TensorRT with sparse tensor cores (Ampere or newer, e.g. Jetson Orin).</para>
/// <para>Options: amount, scope, pattern, include, exclude, skip-depthwise, min-weights (see <see cref="PruneConvL1Options"/>).
/// Statistics: counters (convs-pruned, weights-total, weights-zeroed, sparsity, ...) and tables `layers` (per
/// weight: first Conv's node name, weight name, shape, weights, non-zero weights before/after, sparsity before/after)
/// and `skipped` (node, weight, reason).</para>
/// </summary>
public sealed class PruneConvL1(PruneConvL1Options? options = null) : Pass<PruneConvL1Options>(options)
{
    public const string LayersTable = "layers";
    public const string SkippedTable = "skipped";

    public override string Name => "prune-conv-l1";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("convs-pruned", "Conv layers pruned"),
        StatisticInfo.Count("convs-skipped", "Conv layers skipped (reasons in the skipped table)"),
        StatisticInfo.Count("convs-filtered-out", "Conv layers excluded by the layer filters"),
        StatisticInfo.Count("weights-selected", "Conv weight tensors selected for pruning"),
        StatisticInfo.Count("weights-total", "weights in the selected layers"),
        StatisticInfo.Count("weights-zeroed", "weights set to zero by this run"),
        StatisticInfo.Count("zeros-before", "zero weights before"),
        StatisticInfo.Count("zeros-after", "zero weights after"),
        StatisticInfo.Measurement("sparsity-before", "fraction of zero weights before"),
        StatisticInfo.Measurement("sparsity", "fraction of zero weights after"),
        StatisticInfo.Measurement("threshold", "the magnitude threshold of global pruning"),
        StatisticInfo.Table("layers", "one row per pruned layer"),
        StatisticInfo.Table("skipped", "one row per skipped layer, with the reason"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var options = TypedOptions;
        var selection = ConvWeightFinder.Find(model, options);
        ReportSkipped(selection, context);
        context.Statistics.Add("convs-filtered-out", selection.FilteredOut);
        context.Statistics.Add("convs-skipped", selection.Skipped.Count);
        context.Statistics.Add("weights-selected", selection.Targets.Count);
        if (selection.Targets.Count == 0)
        {
            return PassResult.Unchanged;
        }

        IReadOnlyList<LayerPruneResult> results;
        if (options.Pattern == PrunePattern.TwoOfFour)
        {
            results = selection.Targets.Select(MagnitudePruner.PruneTwoOfFour).ToList();
        }
        else if (options.Scope == PruneScope.Global)
        {
            (results, double threshold) = MagnitudePruner.PruneGlobal(selection.Targets, options.Amount);
            context.Statistics.Set("threshold", threshold);
        }
        else
        {
            results = selection.Targets.Select(t => MagnitudePruner.PruneLayer(t, options.Amount)).ToList();
        }

        bool changed = false;
        long weights = 0, zerosBefore = 0, zerosAfter = 0;
        foreach (var result in results)
        {
            context.ThrowIfCancelled();
            bool applied = result.Pruned is not null && context.TryRewrite($"zero {result.Zeroed} weights of '{result.Target.Weight.Name}'") && result.Apply();
            var after = applied ? result : result with { ZerosAfter = result.ZerosBefore, Pruned = null };
            changed |= applied;
            weights += after.Weights;
            zerosBefore += after.ZerosBefore;
            zerosAfter += after.ZerosAfter;
            context.Statistics.Add("convs-pruned", applied ? after.Target.Convs.Count : 0);
            AddRow(context.Statistics, after);
        }

        context.Statistics.Add("weights-total", weights);
        context.Statistics.Add("weights-zeroed", zerosAfter - zerosBefore);
        context.Statistics.Add("zeros-before", zerosBefore);
        context.Statistics.Add("zeros-after", zerosAfter);
        context.Statistics.Set("sparsity-before", weights == 0 ? 0 : (double)zerosBefore / weights);
        context.Statistics.Set("sparsity", weights == 0 ? 0 : (double)zerosAfter / weights);
        return PassResult.From(changed);
    }

    private static void AddRow(PassStatistics statistics, LayerPruneResult result)
    {
        var tensor = result.Target.Tensor;
        statistics.AddRow(LayersTable, new PrunedLayerRow(
            result.Target.Name,
            result.Target.Weight.Name,
            "[" + string.Join(",", tensor.Dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]",
            result.Weights,
            result.Weights - result.ZerosBefore,
            result.Weights - result.ZerosAfter,
            result.SparsityBefore,
            result.Sparsity));
    }

    private static void ReportSkipped(ConvWeightSelection selection, PassContext context)
    {
        foreach (var skipped in selection.Skipped)
        {
            context.Statistics.AddRow(SkippedTable, new SkippedConvRow(skipped.Node, skipped.Weight, skipped.Reason));

            // Skips the options asked for are only recorded; the others may surprise, so they warn.
            if (!skipped.Requested)
            {
                context.Warn($"Conv '{skipped.Node}' not pruned: {skipped.Reason}", skipped.Node);
            }
        }
    }
}
