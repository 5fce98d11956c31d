using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>The per-op shape and type rules, indexed by default-domain op type (one file per op family registers its rows).</summary>
public static class ShapeRules
{
    private static readonly Dictionary<string, ShapeRule> Table = Build();

    public static IReadOnlyCollection<string> OpTypes => Table.Keys;

    /// <summary>The rule for <paramref name="node"/>, or null for ops without one (other domains included).</summary>
    public static ShapeRule? Find(Node node) => node.IsDefaultDomain && Table.TryGetValue(node.OpType, out var rule) ? rule : null;

    private static Dictionary<string, ShapeRule> Build()
    {
        var table = new Dictionary<string, ShapeRule>(StringComparer.Ordinal);
        ElementwiseShapeRules.Register(table);
        ConvShapeRules.Register(table);
        ResizeShapeRules.Register(table);
        LayoutShapeRules.Register(table);
        GeneratorShapeRules.Register(table);
        ReductionShapeRules.Register(table);
        LinearShapeRules.Register(table);
        QuantizedShapeRules.Register(table);
        return table;
    }
}
