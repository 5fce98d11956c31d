using Microsoft.ML.OnnxRuntime;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>Turns <see cref="OrtRunOptions"/> into ONNX Runtime session options (CPU execution).</summary>
public static class OrtSessionOptionsFactory
{
    public static SessionOptions Create(OrtRunOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = options.OptimizationLevel switch
            {
                0 => GraphOptimizationLevel.ORT_DISABLE_ALL,
                1 => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                2 => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            LogSeverityLevel = OrtNativeLog.SessionLevel,
        };
        if (options.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
        }

        if (options.OptimizedModelPath is not null)
        {
            sessionOptions.OptimizedModelFilePath = options.OptimizedModelPath;
        }

        return sessionOptions;
    }
}
