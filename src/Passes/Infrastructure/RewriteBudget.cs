namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// A global count of rewrites with an optional limit. With `--max-rewrites N`, rewrite N+1 is refused, so a
/// miscompile can be bisected to the exact rewrite that introduced it.
/// </summary>
public sealed class RewriteBudget(long? limit = null)
{
    public long? Limit { get; } = limit;

    public long Used { get; private set; }

    public bool Exhausted => Limit is { } l && Used >= l;

    /// <summary>Where the last permitted rewrite happened (pass name and what it did), for the bisect message.</summary>
    public string? LastRewrite { get; private set; }

    /// <summary>True once a rewrite was actually refused (the limit cut work short, rather than matching it exactly).</summary>
    public bool Refused { get; private set; }

    /// <summary>Records that work was skipped because the budget was used up (a pass or a fixpoint iteration not run), though no rewrite asked.</summary>
    public void NoteCutShort()
    {
        if (Exhausted)
        {
            Refused = true;
        }
    }

    public bool TryConsume(string passName, string? what)
    {
        if (Exhausted)
        {
            Refused = true;
            return false;
        }

        Used++;
        LastRewrite = what is null ? passName : $"{passName}: {what}";
        return true;
    }
}
