namespace OnnxOpt.Backends.OnnxRuntime.Providers;

/// <summary>Names and fallback order of <see cref="ExecutionProviderKind"/> values.</summary>
public static class ExecutionProviders
{
    /// <summary>The name used on the command line: cpu, cuda, tensorrt.</summary>
    public static string CliName(this ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.TensorRt => "tensorrt",
        ExecutionProviderKind.Cuda => "cuda",
        _ => "cpu",
    };

    /// <summary>The name people know the provider by, for messages.</summary>
    public static string DisplayName(this ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.TensorRt => "TensorRT",
        ExecutionProviderKind.Cuda => "CUDA",
        _ => "CPU",
    };

    public static bool TryParse(string text, out ExecutionProviderKind kind)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "cpu":
                kind = ExecutionProviderKind.Cpu;
                return true;
            case "cuda":
                kind = ExecutionProviderKind.Cuda;
                return true;
            case "tensorrt" or "trt":
                kind = ExecutionProviderKind.TensorRt;
                return true;
            default:
                kind = ExecutionProviderKind.Cpu;
                return false;
        }
    }

    /// <summary>The providers tried, in order, when <paramref name="requested"/> is asked for: TensorRT, then CUDA, then CPU.</summary>
    public static IReadOnlyList<ExecutionProviderKind> FallbackChain(ExecutionProviderKind requested) => requested switch
    {
        ExecutionProviderKind.TensorRt => [ExecutionProviderKind.TensorRt, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu],
        ExecutionProviderKind.Cuda => [ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu],
        _ => [ExecutionProviderKind.Cpu],
    };
}
