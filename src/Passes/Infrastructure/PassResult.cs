namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// What a pass reports: whether it changed the model, and which cached analyses are still valid
/// (<see cref="Preserved"/>: all when unchanged, none when changed, unless the pass says more with <see cref="Preserve{T}"/>).
/// The pass manager checks the claim: an edit made through the IR while a pass says "unchanged" drops every cached
/// analysis anyway, and under verify-each a structural fingerprint turns such a false claim into an error.
/// </summary>
public sealed record PassResult(bool Changed)
{
    public static PassResult Unchanged { get; } = new(false);

    public static PassResult Modified { get; } = new(true);

    /// <summary>The analyses the pass leaves valid.</summary>
    public PreservedAnalyses Preserved { get; init; } = Changed ? PreservedAnalyses.None : PreservedAnalyses.All;

    public static PassResult From(bool changed) => changed ? Modified : Unchanged;

    /// <summary>This result, also keeping the analysis whose result type is <typeparamref name="T"/> (no effect when all are kept).</summary>
    public PassResult Preserve<T>() => this with { Preserved = Preserved.Preserve<T>() };
}
