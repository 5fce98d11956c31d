namespace OnnxOpt.Graph.Analysis;

/// <summary>One Conv node: its weight's shape, its parameter count (weight plus bias) and how many weights are exactly zero.</summary>
public sealed record ConvLayerSummary(string NodeName, string WeightName, IReadOnlyList<long> WeightShape, long Parameters, long WeightCount, long ZeroWeights)
{
    public double Sparsity => WeightCount == 0 ? 0 : (double)ZeroWeights / WeightCount;
}
