using Microsoft.ML.OnnxRuntime;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// How much of ONNX Runtime's own multi-line, coloured log reaches stderr. Off by default: a failed node in a
/// constant-folding fallback is expected and already reported in one line, so the native log is shown only when
/// the user asks for detail (the CLI's <c>--verbose</c> sets <see cref="Verbose"/>).
/// </summary>
public static class OrtNativeLog
{
    private static volatile bool _verbose;

    /// <summary>Whether sessions log warnings and errors (true) or only fatal errors (false, the default).</summary>
    public static bool Verbose
    {
        get => _verbose;
        set => _verbose = value;
    }

    /// <summary>The severity sessions are created with.</summary>
    public static OrtLoggingLevel SessionLevel => _verbose ? OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING : OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
}
