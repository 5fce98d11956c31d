namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>How sessions for reference runs are configured.</summary>
public sealed record OrtRunOptions
{
    /// <summary>ONNX Runtime graph optimisation level: 0 disable, 1 basic, 2 extended, 99 all.</summary>
    public int OptimizationLevel { get; init; } = 99;

    /// <summary>Threads inside one op; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>When set, ONNX Runtime writes the model as it optimised it to this path.</summary>
    public string? OptimizedModelPath { get; init; }

    public static OrtRunOptions Default { get; } = new();
}
