namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// A named list of typed detail rows in <see cref="PassStatistics"/> (one row per pruned layer, say). Columns are
/// the rows' cell names in first-seen order; reports print the table and write it to JSON as an array of objects.
/// Code that knows the pass reads the records themselves (<c>table.Rows.OfType&lt;PrunedLayerRow&gt;()</c>).
/// </summary>
public sealed class StatisticsTable(string name)
{
    private readonly List<IStatisticsRow> _rows = [];

    public string Name { get; } = name;

    public IReadOnlyList<IStatisticsRow> Rows => _rows;

    /// <summary>Column names in first-seen order over all rows.</summary>
    public IReadOnlyList<string> Columns => _rows.SelectMany(r => r.ToCells()).Select(c => c.Column).Distinct().ToList();

    internal void Add(IStatisticsRow row) => _rows.Add(row);
}
