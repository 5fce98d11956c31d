using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Process-wide switches taken from global options for the length of one run, and restored afterwards (tests run
/// many commands in one process): ONNX Runtime's native log only with <c>--verbose</c>, hard-linked external data
/// only with <c>--allow-hardlinks</c>.
/// </summary>
public sealed class RunSettings : IDisposable
{
    private readonly bool _nativeLog;
    private readonly bool _hardLinks;

    private RunSettings(bool nativeLog, bool hardLinks)
    {
        _nativeLog = nativeLog;
        _hardLinks = hardLinks;
    }

    public static RunSettings Apply(ParseResult parsed, bool verbose)
    {
        var previous = new RunSettings(OrtNativeLog.Verbose, ExternalDataPolicy.AllowHardLinks);
        OrtNativeLog.Verbose = verbose;
        ExternalDataPolicy.AllowHardLinks = CliOptions.AllowsHardLinks(parsed);
        return previous;
    }

    public void Dispose()
    {
        OrtNativeLog.Verbose = _nativeLog;
        ExternalDataPolicy.AllowHardLinks = _hardLinks;
    }
}
