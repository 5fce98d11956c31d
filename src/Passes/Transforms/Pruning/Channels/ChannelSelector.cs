namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Chooses which components go. Scope layer: round(amount·n) of every prunable group's n channels; scope global: the
/// round(amount·N) lowest of all prunable channels, each score divided by its group's mean so that groups of different
/// scale compare. Then per group: at most max-per-group·n go, at least one channel stays, and the kept count is rounded
/// to the nearest multiple of round-to (groups no larger than round-to are left alone). Within a group the
/// lowest-scoring channels go; ties go to the earlier channel. The rankings are built once, so that trying many
/// amounts (target-flops) costs only the counting.
/// </summary>
public sealed class ChannelSelector
{
    private readonly List<(ChannelGroup Group, int[] Ranked)> _groups = [];
    private readonly ChannelGroup[] _globalOrder;

    /// <summary>Ranks every prunable group's channels once.</summary>
    /// <param name="analysis">The model's channel dependency groups.</param>
    /// <param name="scores">Importance of every component (higher is kept first).</param>
    /// <param name="ranking">How scope=global compares groups (<see cref="ChannelRanking.Auto"/> means group-mean here).</param>
    public ChannelSelector(ChannelAnalysis analysis, IReadOnlyDictionary<int, double> scores, ChannelRanking ranking = ChannelRanking.GroupMean)
    {
        var flopsPerChannel = ranking == ChannelRanking.PerFlop ? FlopsPerChannel(analysis, scores) : null;
        var pool = new List<(double Score, int Index, ChannelGroup Group)>();
        foreach (var group in analysis.Groups.Where(g => g.Prunable && g.Components.All(scores.ContainsKey)))
        {
            var ranked = group.Components.Select((c, i) => (c, i)).OrderBy(p => scores[p.c]).ThenBy(p => p.i).Select(p => p.c).ToArray();
            _groups.Add((group, ranked));
            double mean = group.Components.Average(c => scores[c]);
            double scale = ranking switch
            {
                ChannelRanking.Absolute => 1,
                ChannelRanking.PerFlop => 1 / Math.Max(1.0, flopsPerChannel![group]),
                _ => mean > 0 ? 1 / mean : 0,
            };
            pool.AddRange(group.Components.Select(c => (scores[c] * scale, pool.Count, group)));
        }

        _globalOrder = pool.OrderBy(p => p.Score).ThenBy(p => p.Index).Select(p => p.Group).ToArray();
    }

    /// <summary>The Conv FLOPs that removing one channel of each prunable group saves.</summary>
    private static Dictionary<ChannelGroup, double> FlopsPerChannel(ChannelAnalysis analysis, IReadOnlyDictionary<int, double> scores)
    {
        var cost = new ConvCostModel(analysis);
        long before = cost.Of(new HashSet<int>()).Flops;
        return analysis.Groups.Where(g => g.Prunable && g.Components.All(scores.ContainsKey))
            .ToDictionary(g => g, g => (double)(before - cost.Of(new HashSet<int> { g.Components[0] }).Flops));
    }

    public static ChannelSelection Select(ChannelAnalysis analysis, IReadOnlyDictionary<int, double> scores, double amount, bool global, int roundTo, double maxPerGroup) =>
        new ChannelSelector(analysis, scores).Select(amount, global, roundTo, maxPerGroup);

    public ChannelSelection Select(double amount, bool global, int roundTo, double maxPerGroup)
    {
        var wanted = new Dictionary<ChannelGroup, int>();
        if (global)
        {
            int take = (int)Math.Round(amount * _globalOrder.Length, MidpointRounding.AwayFromZero);
            for (int i = 0; i < take; i++)
            {
                wanted[_globalOrder[i]] = wanted.GetValueOrDefault(_globalOrder[i]) + 1;
            }
        }

        var removed = new HashSet<int>();
        var perGroup = new Dictionary<ChannelGroup, int>();
        foreach (var (group, ranked) in _groups)
        {
            int want = global ? wanted.GetValueOrDefault(group) : (int)Math.Round(amount * group.Channels, MidpointRounding.AwayFromZero);
            int count = Adjust(group.Channels, want, roundTo, maxPerGroup);
            if (count == 0)
            {
                continue;
            }

            perGroup[group] = count;
            removed.UnionWith(ranked.Take(count));
        }

        return new ChannelSelection(removed, perGroup);
    }

    /// <summary>How many of a group's <paramref name="n"/> channels go, after the cap, the keep-one rule and rounding.</summary>
    public static int Adjust(int n, int wanted, int roundTo, double maxPerGroup)
    {
        int cap = Math.Min(n - 1, (int)Math.Floor(maxPerGroup * n));
        int remove = Math.Clamp(wanted, 0, Math.Max(cap, 0));
        if (roundTo <= 1 || remove == 0)
        {
            return remove;
        }

        if (n <= roundTo)
        {
            return 0;
        }

        int kept = n - remove;
        int rounded = (int)Math.Round((double)kept / roundTo, MidpointRounding.AwayFromZero) * roundTo;
        rounded = Math.Clamp(rounded, roundTo, n);
        while (n - rounded > cap && rounded < n)
        {
            rounded = Math.Min(n, rounded + roundTo);
        }

        return n - rounded;
    }
}
