using System.Globalization;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>What a <see cref="StatisticsCell"/> holds, so reports print and serialise it without guessing.</summary>
public enum StatisticsCellKind
{
    Text,
    Integer,
    Number,
    Flag,
}

/// <summary>
/// One cell of a statistics row: a column name and a text, an integer, a number or a flag. Rows are typed records
/// (<see cref="IStatisticsRow"/>); cells are how reports see any of them without knowing the record.
/// </summary>
public readonly record struct StatisticsCell
{
    private StatisticsCell(string column, StatisticsCellKind kind, string? text, double number)
    {
        Column = column;
        Kind = kind;
        Text = text;
        Number = number;
    }

    public string Column { get; }

    public StatisticsCellKind Kind { get; }

    /// <summary>The text of a <see cref="StatisticsCellKind.Text"/> cell; null for the other kinds.</summary>
    public string? Text { get; }

    /// <summary>The value of an integer, number or flag (1 or 0) cell.</summary>
    public double Number { get; }

    public static StatisticsCell Of(string column, string text) => new(column, StatisticsCellKind.Text, text, 0);

    public static StatisticsCell Of(string column, long value) => new(column, StatisticsCellKind.Integer, null, value);

    public static StatisticsCell Of(string column, double value) => new(column, StatisticsCellKind.Number, null, value);

    public static StatisticsCell Of(string column, bool value) => new(column, StatisticsCellKind.Flag, null, value ? 1 : 0);

    /// <summary>The value as reports print it (invariant culture; numbers to six significant digits).</summary>
    public string Display() => Kind switch
    {
        StatisticsCellKind.Text => Text ?? string.Empty,
        StatisticsCellKind.Integer => ((long)Number).ToString(CultureInfo.InvariantCulture),
        StatisticsCellKind.Flag => Number != 0 ? "true" : "false",
        _ => Number.ToString("G6", CultureInfo.InvariantCulture),
    };
}
