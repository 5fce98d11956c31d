namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>The smallest, optimal and largest shape one input takes, as a TensorRT optimization profile sets them.</summary>
public sealed record InputShapeRange(string Input, IReadOnlyList<long> Min, IReadOnlyList<long> Opt, IReadOnlyList<long> Max)
{
    public static string Dims(IReadOnlyList<long> dims) => string.Join("x", dims);
}
