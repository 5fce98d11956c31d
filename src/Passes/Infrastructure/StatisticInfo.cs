namespace OnnxOpt.Passes.Infrastructure;

/// <summary>What a statistic means: a count that adds up, a measurement that is set (a sparsity, an opset), or a detail table.</summary>
public enum StatisticKind
{
    Count,
    Measurement,
    Table,
}

/// <summary>
/// One statistic a pass declares (LLVM's <c>STATISTIC(Name, Desc)</c>): its name as counted in
/// <see cref="PassStatistics"/>, what it means, and its kind. `onnxopt passes` lists them; reports carry the description.
/// </summary>
public sealed record StatisticInfo(string Name, string Description, StatisticKind Kind = StatisticKind.Count)
{
    public static StatisticInfo Count(string name, string description) => new(name, description);

    public static StatisticInfo Measurement(string name, string description) => new(name, description, StatisticKind.Measurement);

    public static StatisticInfo Table(string name, string description) => new(name, description, StatisticKind.Table);
}
