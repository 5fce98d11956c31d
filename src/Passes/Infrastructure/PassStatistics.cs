namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Named counters of one pass run (`convs-fused`, `weights-zeroed`), in the order first touched, plus optional
/// tables of per-item detail rows (e.g. one row per pruned Conv) for reports that need more than totals.
/// The pass manager gives it the running pass's declarations, so reports can say what each counter means.
/// </summary>
public sealed class PassStatistics(IReadOnlyList<StatisticInfo>? declared = null)
{
    private readonly List<KeyValuePair<string, double>> _counters = [];
    private readonly List<StatisticsTable> _tables = [];

    /// <summary>The statistics the running pass declares (empty outside a pass manager run).</summary>
    public IReadOnlyList<StatisticInfo> Declared { get; } = declared ?? [];

    /// <summary>The declaration of <paramref name="name"/>, or null when the pass did not declare it.</summary>
    public StatisticInfo? Describe(string name) => Declared.FirstOrDefault(d => d.Name == name);

    /// <summary>Counter and table names this run reported without declaring them.</summary>
    public IReadOnlyList<string> Undeclared =>
        _counters.Select(c => c.Key).Concat(_tables.Select(t => t.Name)).Where(n => Describe(n) is null).ToList();

    public IReadOnlyList<KeyValuePair<string, double>> Counters => _counters;

    /// <summary>Detail tables in the order first touched; each row is a typed record (<see cref="IStatisticsRow"/>).</summary>
    public IReadOnlyList<StatisticsTable> Tables => _tables;

    public void Add(string name, double amount = 1)
    {
        int index = _counters.FindIndex(c => c.Key == name);
        if (index < 0)
        {
            _counters.Add(new(name, amount));
        }
        else
        {
            _counters[index] = new(name, _counters[index].Value + amount);
        }
    }

    /// <summary>Sets a counter that is a measurement rather than a count (e.g. a sparsity).</summary>
    public void Set(string name, double value)
    {
        int index = _counters.FindIndex(c => c.Key == name);
        if (index < 0)
        {
            _counters.Add(new(name, value));
        }
        else
        {
            _counters[index] = new(name, value);
        }
    }

    public double Get(string name) => _counters.Find(c => c.Key == name).Value;

    /// <summary>Appends a typed detail row to the named table (created on first use).</summary>
    public void AddRow(string table, IStatisticsRow row)
    {
        var target = _tables.Find(t => t.Name == table);
        if (target is null)
        {
            target = new StatisticsTable(table);
            _tables.Add(target);
        }

        target.Add(row);
    }

    public StatisticsTable? FindTable(string name) => _tables.Find(t => t.Name == name);

    public bool IsEmpty => _counters.Count == 0 && _tables.Count == 0;
}
