namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Which cached analyses stay valid after a pass, as in LLVM's <c>PreservedAnalyses</c>: <see cref="All"/> (the
/// pass changed nothing an analysis reads), <see cref="None"/> (drop everything), or none except a named set.
/// Analyses are named by their result type, the key of <see cref="AnalysisCache"/>.
/// </summary>
public sealed class PreservedAnalyses
{
    private readonly HashSet<Type> _kept;

    private PreservedAnalyses(bool all, HashSet<Type> kept)
    {
        PreservesAll = all;
        _kept = kept;
    }

    public static PreservedAnalyses All { get; } = new(true, []);

    public static PreservedAnalyses None { get; } = new(false, []);

    /// <summary>True when every analysis stays valid.</summary>
    public bool PreservesAll { get; }

    /// <summary>The analyses kept besides (empty for <see cref="All"/> and <see cref="None"/>).</summary>
    public IReadOnlyCollection<Type> Kept => _kept;

    /// <summary>This set plus the analysis whose result type is <typeparamref name="T"/>.</summary>
    public PreservedAnalyses Preserve<T>() => Preserve(typeof(T));

    public PreservedAnalyses Preserve(Type analysis)
    {
        if (PreservesAll || _kept.Contains(analysis))
        {
            return this;
        }

        return new PreservedAnalyses(false, [.. _kept, analysis]);
    }

    public bool IsPreserved(Type analysis) => PreservesAll || _kept.Contains(analysis);

    public bool IsPreserved<T>() => IsPreserved(typeof(T));

    public override string ToString() =>
        PreservesAll ? "all" : _kept.Count == 0 ? "none" : string.Join(",", _kept.Select(t => t.Name).Order(StringComparer.Ordinal));
}
