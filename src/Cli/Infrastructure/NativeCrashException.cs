namespace OnnxOpt.Cli.Infrastructure;

/// <summary>A child process doing native work (see <see cref="IsolatedRun"/>) died from a signal.</summary>
public sealed class NativeCrashException(string message) : Exception(message);
