using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Removes one op type when a <see cref="NoOpRules"/> proof says it passes input 0 through, forwarding its
/// output with <see cref="OutputForwarding"/> (so graph output names are kept).
/// </summary>
internal sealed class NoOpPattern(string opType, Func<Node, string?> proof) : RewritePattern
{
    public override string Name { get; } = $"{opType.ToLowerInvariant()}-removed";

    public override string RootOpType => opType;

    public override MatchResult Match(Node root, PassContext context)
    {
        if (root.Outputs.Count == 0 || root.Input(0) is not { } input)
        {
            return MatchResult.Fail("no data input or output");
        }

        if (proof(root) is { } reason)
        {
            return MatchResult.Fail(reason);
        }

        var output = root.Output(0);
        if (OutputForwarding.Check(root, output, input) is { } blocked)
        {
            return MatchResult.Fail(blocked);
        }

        return MatchResult.Rewrite($"forward '{input.Name}' past no-op {opType} '{root.Name}'", () =>
        {
            if (OutputForwarding.ForwardAndRemove(root, output, input))
            {
                context.Statistics.Add("outputs-renamed");
            }
        });
    }
}
