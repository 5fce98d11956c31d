namespace OnnxOpt.Passes.Rewriting;

/// <summary>The outcome of trying a pattern on a node: a rewrite ready to apply, or the reason it does not apply.</summary>
public abstract record MatchResult
{
    public static MatchResult Rewrite(string description, Action apply) => new Success(description, apply);

    public static MatchResult Fail(string reason) => new Failure(reason);

    /// <summary>The pattern matched; <see cref="Apply"/> performs the rewrite through the IR's API.</summary>
    public sealed record Success(string Description, Action Apply) : MatchResult;

    /// <summary>The pattern did not match, and why (shown when tracing matches).</summary>
    public sealed record Failure(string Reason) : MatchResult;
}
