using Microsoft.ML.OnnxRuntime;

namespace OnnxOpt.Backends.OnnxRuntime.Providers;

/// <summary>
/// Opens a session on the requested provider, falling back TensorRT -> CUDA -> CPU when a provider's
/// libraries are missing or it cannot start, and records one line saying why. With
/// <see cref="ProviderRequest.RequireProvider"/> the first failure is an error instead.
/// </summary>
public static class ExecutionProviderSelector
{
    private static readonly Lock LogLevelLock = new();

    /// <summary>Opens a session with <paramref name="open"/> on the first provider of the fallback chain that works.</summary>
    public static (InferenceSession Session, ProviderSelection Selection) Open(Func<SessionOptions, InferenceSession> open, OrtRunOptions runOptions, ProviderRequest request)
    {
        var failures = new List<string>();
        foreach (var kind in ExecutionProviders.FallbackChain(request.Provider))
        {
            using var sessionOptions = OrtSessionOptionsFactory.Create(runOptions);
            if (kind == ExecutionProviderKind.Cpu)
            {
                return (open(sessionOptions), new ProviderSelection(request.Provider, kind, failures));
            }

            try
            {
                AppendQuietly(sessionOptions, kind, request);
                return (open(sessionOptions), new ProviderSelection(request.Provider, kind, failures));
            }
            catch (OnnxRuntimeException e)
            {
                string reason = ProviderLibraryProbe.WhyNotLoadable(kind) ?? OrtRunner.FirstLine(StripErrorCode(e.Message));
                if (request.RequireProvider)
                {
                    throw new OrtExecutionException($"the {kind.DisplayName()} execution provider is unavailable ({reason})", e);
                }

                failures.Add($"{kind.DisplayName()} provider unavailable ({reason})");
            }
        }

        throw new InvalidOperationException("the fallback chain always ends with the CPU provider");
    }

    /// <summary>Appends the provider (and, for TensorRT, CUDA behind it for the nodes TensorRT does not take).</summary>
    public static void Append(SessionOptions sessionOptions, ExecutionProviderKind kind, ProviderRequest request)
    {
        switch (kind)
        {
            case ExecutionProviderKind.TensorRt:
                using (var trt = new OrtTensorRTProviderOptions())
                {
                    var options = new Dictionary<string, string>(request.TensorRtOptions) { ["device_id"] = request.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    trt.UpdateOptions(options);
                    sessionOptions.AppendExecutionProvider_Tensorrt(trt);
                }

                AppendCuda(sessionOptions, request);
                break;
            case ExecutionProviderKind.Cuda:
                AppendCuda(sessionOptions, request);
                break;
        }
    }

    private static void AppendCuda(SessionOptions sessionOptions, ProviderRequest request)
    {
        using var cuda = new OrtCUDAProviderOptions();
        var options = new Dictionary<string, string>(request.CudaOptions) { ["device_id"] = request.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        cuda.UpdateOptions(options);
        sessionOptions.AppendExecutionProvider_CUDA(cuda);
    }

    // ONNX Runtime logs a multi-line, coloured error for a provider library it cannot load before throwing;
    // the selector reports the failure itself in one line, so that log is silenced while appending.
    private static void AppendQuietly(SessionOptions sessionOptions, ExecutionProviderKind kind, ProviderRequest request)
    {
        lock (LogLevelLock)
        {
            var env = OrtEnv.Instance();
            var previous = env.EnvLogLevel;
            env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            try
            {
                Append(sessionOptions, kind, request);
            }
            finally
            {
                env.EnvLogLevel = previous;
            }
        }
    }

    private static string StripErrorCode(string message) =>
        message.StartsWith("[ErrorCode:", StringComparison.Ordinal) && message.IndexOf(']', StringComparison.Ordinal) is int end and > 0
            ? message[(end + 1)..].Trim()
            : message;
}
