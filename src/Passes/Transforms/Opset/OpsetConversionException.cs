namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// A model cannot be expressed in the requested opset. <see cref="Problems"/> lists every node that stands in the
/// way (each naming the node and why), so a user sees all of them at once rather than one per attempt.
/// </summary>
public sealed class OpsetConversionException : Exception
{
    public OpsetConversionException(int target, IReadOnlyList<string> problems)
        : base(Describe(target, problems))
    {
        Target = target;
        Problems = problems;
    }

    public int Target { get; }

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(int target, IReadOnlyList<string> problems)
    {
        string more = problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count > 2 ? "s" : string.Empty)})" : string.Empty;
        return $"cannot convert to opset {target}: {problems[0]}{more}";
    }
}
