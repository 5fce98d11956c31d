namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Chooses which components go. Scope layer: round(amount·n) of every prunable group's n channels; scope global: the
/// round(amount·N) lowest of all prunable channels, each score divided by its group's mean so that groups of different
/// scale compare. Then per group: at most max-per-group·n go, at least one channel stays, and the kept count is rounded
/// to the nearest multiple of round-to (groups no larger than round-to are left alone). Within a group the
/// lowest-scoring channels go; ties go to the earlier channel.
/// </summary>
public static class ChannelSelector
{
    public static ChannelSelection Select(ChannelAnalysis analysis, IReadOnlyDictionary<int, double> scores, double amount, bool global, int roundTo, double maxPerGroup)
    {
        var groups = analysis.Groups.Where(g => g.Prunable && g.Components.All(scores.ContainsKey)).ToList();
        var wanted = new Dictionary<ChannelGroup, int>();
        if (global)
        {
            var pool = new List<(double Score, ChannelGroup Group)>();
            foreach (var group in groups)
            {
                double mean = group.Components.Average(c => scores[c]);
                pool.AddRange(group.Components.Select(c => (mean > 0 ? scores[c] / mean : 0, group)));
            }

            int take = (int)Math.Round(amount * pool.Count, MidpointRounding.AwayFromZero);
            foreach (var (_, group) in pool.OrderBy(p => p.Score).Take(take))
            {
                wanted[group] = wanted.GetValueOrDefault(group) + 1;
            }
        }
        else
        {
            foreach (var group in groups)
            {
                wanted[group] = (int)Math.Round(amount * group.Channels, MidpointRounding.AwayFromZero);
            }
        }

        var removed = new HashSet<int>();
        var perGroup = new Dictionary<ChannelGroup, int>();
        foreach (var group in groups)
        {
            int count = Adjust(group.Channels, wanted.GetValueOrDefault(group), roundTo, maxPerGroup);
            if (count == 0)
            {
                continue;
            }

            perGroup[group] = count;
            foreach (int root in group.Components.Select((c, i) => (c, i)).OrderBy(p => scores[p.c]).ThenBy(p => p.i).Take(count).Select(p => p.c))
            {
                removed.Add(root);
            }
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
