namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// A named list of detail rows in <see cref="PassStatistics"/> (one row per pruned layer, say). Columns are the
/// row's keys in insertion order; reports print the table and write it to JSON as an array of objects.
/// </summary>
public sealed class StatisticsTable(string name)
{
    private readonly List<IReadOnlyDictionary<string, object>> _rows = [];

    public string Name { get; } = name;

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Rows => _rows;

    /// <summary>Column names in first-seen order over all rows.</summary>
    public IReadOnlyList<string> Columns => _rows.SelectMany(r => r.Keys).Distinct().ToList();

    internal void Add(IReadOnlyDictionary<string, object> row) => _rows.Add(row);
}
