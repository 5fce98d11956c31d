namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// A typed detail row of a <see cref="StatisticsTable"/> (one pruned layer, one quantized activation): a record
/// whose properties are the row's data, and that lists them as cells, in column order, for reports.
/// </summary>
public interface IStatisticsRow
{
    IReadOnlyList<StatisticsCell> ToCells();
}
