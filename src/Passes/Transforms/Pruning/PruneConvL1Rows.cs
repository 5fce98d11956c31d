using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>prune-conv-l1's "layers" row: one pruned Conv weight, its shape and its nonzero counts before and after.</summary>
public sealed record PrunedLayerRow(string Node, string Weight, string Shape, long Weights, long NonzeroBefore, long NonzeroAfter, double SparsityBefore, double Sparsity) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
    [
        StatisticsCell.Of("node", Node),
        StatisticsCell.Of("weight", Weight),
        StatisticsCell.Of("shape", Shape),
        StatisticsCell.Of("weights", Weights),
        StatisticsCell.Of("nonzero-before", NonzeroBefore),
        StatisticsCell.Of("nonzero-after", NonzeroAfter),
        StatisticsCell.Of("sparsity-before", SparsityBefore),
        StatisticsCell.Of("sparsity", Sparsity),
    ];
}

/// <summary>prune-conv-l1's "skipped" row: a Conv it left alone, and why.</summary>
public sealed record SkippedConvRow(string Node, string Weight, string Reason) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
        [StatisticsCell.Of("node", Node), StatisticsCell.Of("weight", Weight), StatisticsCell.Of("reason", Reason)];
}
