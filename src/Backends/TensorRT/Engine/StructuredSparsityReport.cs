namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>How many layer weights follow the 2:4 pattern sparse tensor cores accelerate.</summary>
public sealed record StructuredSparsityReport(int EligibleTensors, int SparseTensors, long EligibleParameters, long SparseParameters, IReadOnlyList<string> SparseWeights)
{
    /// <summary>True when at least one layer is 2:4 sparse; TensorRT then picks sparse kernels for the layers that qualify.</summary>
    public bool Is24Pruned => SparseTensors > 0;

    public static StructuredSparsityReport None { get; } = new(0, 0, 0, 0, []);
}
