using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Rewriting;

/// <summary>
/// A local rewrite rooted at one op type. Patterns are indexed by (domain, op type) so a node only meets the
/// patterns that can apply to it. <see cref="Match"/> checks cheap conditions first and must not change the
/// graph; all changes happen in the returned rewrite.
/// </summary>
public abstract class RewritePattern
{
    /// <summary>A short name, used as the statistics counter for this pattern's rewrites.</summary>
    public abstract string Name { get; }

    /// <summary>The root op's domain; "" is the default ONNX domain.</summary>
    public virtual string RootDomain => string.Empty;

    public abstract string RootOpType { get; }

    /// <summary>
    /// How much a rewrite by this pattern gains, relative to the other patterns of the same root: higher is tried
    /// first (MLIR's PatternBenefit). A pattern that subsumes a smaller one (fusing three ops rather than two)
    /// should say so here, so the order of registration does not decide which fires.
    /// </summary>
    public virtual int Benefit => 1;

    public abstract MatchResult Match(Node root, PassContext context);
}
