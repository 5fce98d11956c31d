using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Rewriting;

/// <summary>Patterns indexed by their root (domain, op type); each root's patterns in order of benefit, highest first, ties in registration order.</summary>
public sealed class PatternSet
{
    private readonly Dictionary<(string Domain, string OpType), List<RewritePattern>> _byRoot = [];

    public PatternSet(IEnumerable<RewritePattern> patterns)
    {
        foreach (var pattern in patterns)
        {
            var key = (Normalize(pattern.RootDomain), pattern.RootOpType);
            if (!_byRoot.TryGetValue(key, out var list))
            {
                _byRoot[key] = list = [];
            }

            list.Add(pattern);
        }

        foreach (var list in _byRoot.Values)
        {
            // List.Sort is unstable; OrderBy keeps registration order among equal benefits.
            var ordered = list.OrderByDescending(p => p.Benefit).ToList();
            list.Clear();
            list.AddRange(ordered);
        }
    }

    public IReadOnlyList<RewritePattern> For(Node node) =>
        _byRoot.TryGetValue((Normalize(node.Domain), node.OpType), out var list) ? list : [];

    private static string Normalize(string domain) => domain == "ai.onnx" ? string.Empty : domain;
}
