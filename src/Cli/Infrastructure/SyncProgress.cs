namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Reports progress on the reporting thread, at once. <see cref="Progress{T}"/> would post to the thread pool, so
/// its notes could come out late or out of order with the command's own output.
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
