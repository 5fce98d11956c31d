namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>Convolutions (on 8.2) and pooling take 2D or 3D kernels only; 1D needs an Unsqueeze to 2D first.</summary>
public sealed class SpatialRankRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (!node.IsDefaultDomain || !context.Parser.SpatialRank2Or3.Contains(node.OpType))
            {
                continue;
            }

            int? rank = node.GetInts("kernel_shape")?.Count ?? (ParserWeights.TryGet(node.Input(1)) is { Rank: > 2 } weights ? weights.Rank - 2 : null);
            if (rank is int r && r is not (2 or 3))
            {
                context.Report(node, CheckSeverity.Unsupported, "spatial-rank", $"{context.Parser.Name} imports {node.OpType} with 2D or 3D kernels only, not {r}D",
                    new SuggestedFix(null, "reshape the data to 2D (N,C,1,W) around the node"));
            }
        }
    }
}
