namespace OnnxOpt.Backends.OnnxRuntime.Providers;

/// <summary>
/// Which execution provider a session should run on, and the provider options to give it. Option keys are
/// ONNX Runtime's own (<c>trt_fp16_enable</c>, <c>device_id</c>, ...); the TensorRT backend builds them from a target profile.
/// </summary>
public sealed record ProviderRequest
{
    public ExecutionProviderKind Provider { get; init; } = ExecutionProviderKind.Cpu;

    /// <summary>Fail instead of falling back when the requested provider cannot be loaded.</summary>
    public bool RequireProvider { get; init; }

    public int DeviceId { get; init; }

    public IReadOnlyDictionary<string, string> TensorRtOptions { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CudaOptions { get; init; } = new Dictionary<string, string>();

    public static ProviderRequest Cpu { get; } = new();

    public static ProviderRequest For(ExecutionProviderKind provider, bool requireProvider = false) =>
        new() { Provider = provider, RequireProvider = requireProvider };
}
