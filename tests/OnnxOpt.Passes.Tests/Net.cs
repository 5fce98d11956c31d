using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// A thin wrapper over <see cref="ModelBuilder"/> for pass tests: every node gets a unique name (ONNX Runtime
/// rejects duplicates) and values get their type and shape when given, so no-op proofs can see static dims.
/// </summary>
internal sealed class Net(long opset = 17)
{
    private int _nodes;

    public ModelBuilder Builder { get; } = new(opset);

    public Model Model => Builder.Model;

    public Graph.IR.OnnxGraph Graph => Builder.Graph;

    public Value Input(string name, params long[] dims) => Builder.Input(name, DataType.Float, dims);

    public Value Const(string name, float[] values, params long[] dims) => Builder.Constant(name, Tensor.Create(values, dims));

    public Value Ints(string name, params long[] values) => Builder.Constant(name, Tensor.Create(values, values.Length));

    /// <summary>A single-output node; its output is declared float with <paramref name="dims"/> when given.</summary>
    public Value Op(string op, Value?[] inputs, long[]? dims = null, params NodeAttribute[] attributes)
    {
        var value = Builder.Op(op, $"{op}_{_nodes++}", inputs, attributes);
        if (dims is not null)
        {
            value.ElementType = DataType.Float;
            value.Shape = Shape.Of(dims);
        }

        return value;
    }

    public Node Node(string op, Value?[] inputs, int outputs, params NodeAttribute[] attributes) =>
        Builder.Node(op, inputs, outputs, $"{op}_{_nodes++}", attributes);

    public Value Output(Value value, string name) => Builder.Output(value, name, DataType.Float);

    public static int Count(Model model, string op) => model.Graph.Nodes.Count(n => n.OpType == op);

    /// <summary>Why the first pattern rooted at the node's op does not match it, or null when it matches.</summary>
    public static string? WhyNot(IReadOnlyList<RewritePattern> patterns, Node node) =>
        patterns.First(p => p.RootOpType == node.OpType).Match(node, new PassContext()) switch
        {
            MatchResult.Failure failure => failure.Reason,
            _ => null,
        };
}
