using System.Globalization;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// `prune-channels`: structured pruning. Whole channels go: the Conv filters that make them, the input columns of
/// every Conv that reads them, and their entries in BatchNormalization, per-channel constants, depthwise Convs,
/// residual Adds, Concats, Splits, Slices and Reshapes, as found by <see cref="ChannelAnalyzer"/>'s dependency groups.
/// Tensors shrink, so every dense runtime gets faster. Channels the analysis cannot follow (graph outputs, unknown
/// ops, the output Convs of an Ultralytics head with protect-head) are never removed.
/// <para>Not semantics-preserving: the outputs change (except for amount=0, or for channels whose filters are
/// exactly zero with zero bias after a zero-preserving activation). reconstruct=true refits every changed consumer Conv
/// by least squares against the unpruned model on calibration images (needs <see cref="PassContext.ChannelCalibration"/>),
/// in one pass or sequentially in refit-stages stages; whenever calibration is given, a removed channel's mean
/// activation times the consumer's weights first moves into the consumer's bias (<see cref="MeanAbsorption"/>); without
/// calibration that mean is unknown and consumers keep their bias. The most accurate settings found on YOLOv8n are
/// criterion=variance ranking=per-flop max-per-group=0.9 reconstruct=true ridge=0.05 (docs/pruning.md).</para>
/// <para>Options: amount, target-flops, criterion (l1, l2, bn-scaled, activation, variance), scope (layer, global),
/// ranking (auto, group-mean, absolute, per-flop), allocation (variance, output), allocation-samples, round-to, max-per-group, include, exclude, protect-head, reconstruct,
/// refit-stages, ridge (see <see cref="PruneChannelsOptions"/>).
/// Statistics: groups, groups-prunable, groups-pruned, channels-prunable, channels-removed, flops-before/after,
/// params-before/after, amount-used, convs-refit, biases-compensated; table `groups` (group, producers, channels, removed, kept).</para>
/// </summary>
public sealed class PruneChannels(PruneChannelsOptions? options = null) : Pass<PruneChannelsOptions>(options)
{
    public const string GroupsTable = "group-table";

    public override string Name => "prune-channels";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("groups", "Channel dependency groups found."),
        StatisticInfo.Count("groups-prunable", "Groups whose channels may be removed."),
        StatisticInfo.Count("channels-prunable", "Channels in prunable groups."),
        StatisticInfo.Count("groups-pruned", "Groups that lost channels."),
        StatisticInfo.Count("channels-removed", "Channels removed (each from every tensor of its group)."),
        StatisticInfo.Count("biases-compensated", "Consumer biases that absorbed the mean of removed channels."),
        StatisticInfo.Count("convs-refit", "Consumer Convs refit by least squares on calibration data."),
        StatisticInfo.Measurement("flops-before", "Conv multiply-accumulates before pruning."),
        StatisticInfo.Measurement("flops-after", "Conv multiply-accumulates after pruning."),
        StatisticInfo.Measurement("flops-reduction", "Fraction of Conv FLOPs removed."),
        StatisticInfo.Measurement("params-before", "Conv parameters before pruning."),
        StatisticInfo.Measurement("params-after", "Conv parameters after pruning."),
        StatisticInfo.Measurement("amount-used", "The fraction of prunable channels removed (found by the target-flops search)."),
        StatisticInfo.Table(GroupsTable, "Per group: channels, removed, producers."),
        StatisticInfo.Table(ConvRefit.Table, "Per refit Conv: calibration error before and after."),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var options = TypedOptions;
        var protection = ChannelAnalyzer.Protection(model, options.Include, options.Exclude, options.ProtectHead);
        var analysis = ChannelAnalyzer.Analyze(model, protection);
        var prunable = analysis.Groups.Where(g => g.Prunable).ToList();
        context.Statistics.Add("groups", analysis.Groups.Count);
        context.Statistics.Add("groups-prunable", prunable.Count);
        context.Statistics.Add("channels-prunable", prunable.Sum(g => g.Channels));
        var before = ConvCost.Of(analysis, new HashSet<int>());
        if (analysis.Convs.Any(c => c.OutSpatial == 0))
        {
            context.Warn("some Conv output sizes are unknown (dynamic input): FLOPs count one output position for them; run fix-input-shape first for exact FLOPs");
        }

        context.Statistics.Set("flops-before", before.Flops);
        context.Statistics.Set("params-before", before.Parameters);

        var calibration = context.ChannelCalibration;
        bool dataDriven = options.Criterion is ChannelCriterion.Activation or ChannelCriterion.Variance || options.Allocation == ChannelAllocation.Output;
        if ((dataDriven || options.Reconstruct) && calibration is null)
        {
            throw new InvalidOperationException($"prune-channels{{criterion={OptionBinder.FormatValue(options.Criterion)} reconstruct={(options.Reconstruct ? "true" : "false")} allocation={OptionBinder.FormatValue(options.Allocation)}}} needs calibration images (--calibration-data DIR of onnxopt optimize or sweep)");
        }

        // One calibration pass gives the consumers' input means (for mean absorption) and what the criterion reads:
        // input and output variances (variance) or the mean |activated output| (activation).
        var observed = options.Criterion switch
        {
            ChannelCriterion.Variance => ChannelVarianceScore.ObservedValues(analysis),
            ChannelCriterion.Activation => MeanAbsorption.ObservedValues(analysis).Union(ChannelActivations.ObservedValues(analysis)).ToList(),
            _ => MeanAbsorption.ObservedValues(analysis),
        };
        var moments = calibration is null ? null : ChannelMoments.Measure(model, observed, calibration, context.Cancellation);
        var activations = options.Criterion == ChannelCriterion.Activation ? ChannelActivations.MeanAbsolute(analysis, moments!) : null;
        IReadOnlyDictionary<int, double> scores = options.Criterion == ChannelCriterion.Variance ? ChannelVarianceScore.Score(analysis, moments!) : ChannelImportance.Score(analysis, options.Criterion, activations);
        if (options.Allocation == ChannelAllocation.Output)
        {
            scores = OutputSensitivity.Rescale(model, analysis, protection, scores, moments!, calibration!, n => TrialCuts(n, options), options.AllocationSamples, context.Cancellation);
        }

        var (selection, amount) = Choose(analysis, scores, options, before);
        context.Statistics.Set("amount-used", amount);
        var after = ConvCost.Of(analysis, selection.RemovedRoots);
        if (selection.RemovedRoots.Count == 0 || !context.TryRewrite($"remove {selection.RemovedRoots.Count} channels"))
        {
            context.Statistics.Set("flops-after", before.Flops);
            context.Statistics.Set("params-after", before.Parameters);
            return PassResult.Unchanged;
        }

        var refit = options.Reconstruct ? ConvRefit.Prepare(model, analysis, selection.RemovedRoots) : null;

        // With calibration the removed channels' mean contribution always moves into the consumers' biases; a refit
        // then starts from (and is only kept where it beats) the compensated weights.
        var absorption = moments is null ? null : MeanAbsorption.Measure(analysis, selection.RemovedRoots, moments);
        ChannelSurgery.Apply(model, analysis, selection.RemovedRoots);
        if (absorption is not null)
        {
            context.Statistics.Add("biases-compensated", absorption.Apply(model.Graph, analysis, selection.RemovedRoots));
        }

        if (refit is not null)
        {
            var refits = refit.Run(model, calibration!, options.Ridge, options.RefitStages, context.Cancellation);
            context.Statistics.Add("convs-refit", refits.Count);
            foreach (var r in refits)
            {
                context.Statistics.AddRow(ConvRefit.Table, r);
            }
        }

        context.Statistics.Add("groups-pruned", selection.RemovedPerGroup.Count);
        context.Statistics.Add("channels-removed", selection.RemovedRoots.Count);
        context.Statistics.Set("flops-after", after.Flops);
        context.Statistics.Set("params-after", after.Parameters);
        context.Statistics.Set("flops-reduction", 1 - ((double)after.Flops / Math.Max(1, before.Flops)));
        foreach (var (group, removed) in selection.RemovedPerGroup.OrderBy(p => p.Key.Id))
        {
            context.Statistics.AddRow(GroupsTable, new ChannelGroupRow(group.Id, Describe(group.Producers), group.Channels, removed, group.Channels - removed));
        }

        return PassResult.Modified;
    }

    /// <summary>allocation=output's trial cuts of a group of <paramref name="n"/> channels: a quarter, a half and three quarters, after the cap and rounding.</summary>
    private static IEnumerable<int> TrialCuts(int n, PruneChannelsOptions options) =>
        TrialFractions.Select(f => ChannelSelector.Adjust(n, Math.Max(1, (int)Math.Round(n * f, MidpointRounding.AwayFromZero)), options.RoundTo, options.MaxPerGroup));

    private static readonly double[] TrialFractions = [0.25, 0.5, 0.75];

    /// <summary>The selection for the options' amount, or for the smallest amount that reaches target-flops.</summary>
    private static (ChannelSelection Selection, double Amount) Choose(ChannelAnalysis analysis, IReadOnlyDictionary<int, double> scores, PruneChannelsOptions options, ConvCost before)
    {
        bool global = options.Scope == PruneScope.Global;
        var ranking = options.Ranking != ChannelRanking.Auto ? options.Ranking
            : options.Criterion == ChannelCriterion.Variance ? ChannelRanking.Absolute : ChannelRanking.GroupMean;
        var selector = new ChannelSelector(analysis, scores, ranking);
        ChannelSelection At(double amount) => selector.Select(amount, global, options.RoundTo, options.MaxPerGroup);
        if (options.TargetFlops <= 0)
        {
            return (At(options.Amount), options.Amount);
        }

        var cost = new ConvCostModel(analysis);
        double Reduction(ChannelSelection s) => 1 - ((double)cost.Of(s.RemovedRoots).Flops / Math.Max(1, before.Flops));
        double low = 0, high = 0.99;
        var best = At(high);
        if (Reduction(best) < options.TargetFlops)
        {
            return (best, high);
        }

        // Rounding makes the reduction a step function of the amount; bisection finds the first step at the target.
        for (int i = 0; i < 20; i++)
        {
            double mid = (low + high) / 2;
            var selection = At(mid);
            if (Reduction(selection) >= options.TargetFlops)
            {
                (high, best) = (mid, selection);
            }
            else
            {
                low = mid;
            }
        }

        return (best, high);
    }

    private static string Describe(IReadOnlyList<string> names) =>
        names.Count switch
        {
            0 => "-",
            1 => names[0],
            _ => string.Create(CultureInfo.InvariantCulture, $"{names[0]} +{names.Count - 1}"),
        };
}
