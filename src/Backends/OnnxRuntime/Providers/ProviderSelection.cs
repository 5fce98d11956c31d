namespace OnnxOpt.Backends.OnnxRuntime.Providers;

/// <summary>
/// What a session ended up running on. <see cref="Explanation"/> is one line saying why it is not the
/// requested provider (null when it is), e.g. "TensorRT provider unavailable (libcublas.so.13 not found); running on CPU".
/// </summary>
public sealed record ProviderSelection(ExecutionProviderKind Requested, ExecutionProviderKind Selected, IReadOnlyList<string> Failures)
{
    public bool FellBack => Requested != Selected;

    public string? Explanation => Failures.Count == 0 ? null : $"{string.Join(", ", Failures)}; running on {Selected.DisplayName()}";

    public static ProviderSelection Cpu { get; } = new(ExecutionProviderKind.Cpu, ExecutionProviderKind.Cpu, []);
}
