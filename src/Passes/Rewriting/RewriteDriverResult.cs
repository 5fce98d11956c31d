namespace OnnxOpt.Passes.Rewriting;

/// <summary>What the greedy driver did: whether anything changed, whether it reached a fixed point, and how much work it took.</summary>
public sealed record RewriteDriverResult(bool Changed, bool Converged, int Iterations, int Rewrites);
