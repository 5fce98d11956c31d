using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// `dequantize`: turns a quantized model back into a float one. ONNX Runtime's dynamic quantization
/// (DynamicQuantizeLinear + ConvInteger/MatMulInteger + Cast + scale Mul) becomes Conv/MatMul with the dequantized
/// weights; QLinearConv/QLinearMatMul become DequantizeLinear -> Conv/MatMul -> QuantizeLinear; DequantizeLinear of
/// constants is folded into float initializers, and QuantizeLinear -> DequantizeLinear pairs on activations are
/// removed. Weights are exactly (q - zero_point) * scale, so the result is the float model the quantized one was
/// made from (up to the weights' 8-bit rounding), ready for `quantize-int8` or TensorRT.
/// Safe: not exact with respect to the quantized model: outputs change by the activation quantization error it no
/// longer adds. Constructs it does not recognise are left as they are, with a warning.
/// Options: none.
/// </summary>
public sealed class Dequantize(NoOptions? options = null) : Pass<NoOptions>(options)
{
    public override string Name => "dequantize";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("integer-ops-dequantized", "ConvInteger and MatMulInteger nodes turned back into float Conv and MatMul."),
        StatisticInfo.Count("qlinear-ops-dequantized", "QLinearConv and QLinearMatMul nodes turned back into float ops."),
        StatisticInfo.Count("constants-dequantized", "DequantizeLinear of a constant folded into a float initializer."),
        StatisticInfo.Count("qdq-pairs-removed", "QuantizeLinear/DequantizeLinear pairs on activations removed."),
        StatisticInfo.Measurement("nodes-removed", "Quantization nodes left without users and removed."),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var graph = model.Graph;
        var rewriter = new DequantizeRewriter(graph);
        bool changed = false;
        changed |= Each(graph, context, rewriter.RewriteInteger, "integer-ops-dequantized", "ConvInteger", "MatMulInteger");
        changed |= Each(graph, context, rewriter.RewriteQLinear, "qlinear-ops-dequantized", "QLinearConv", "QLinearMatMul");
        changed |= Each(graph, context, rewriter.FoldConstant, "constants-dequantized", "DequantizeLinear");
        changed |= Each(graph, context, rewriter.RemovePair, "qdq-pairs-removed", "DequantizeLinear");
        context.Statistics.Set("nodes-removed", rewriter.SweepDead());
        foreach (var group in graph.Nodes.Where(n => n.IsDefaultDomain && QuantizeInt8.QuantizedOps.Contains(n.OpType)).GroupBy(n => n.OpType))
        {
            context.Warn($"{group.Count()} {group.Key} node(s) left quantized (a form dequantize does not recognise), e.g. '{group.First().Name}'");
        }

        return PassResult.From(changed);
    }

    private static bool Each(OnnxGraph graph, PassContext context, Func<Node, bool> rewrite, string counter, params string[] opTypes)
    {
        bool changed = false;
        foreach (var node in graph.Nodes.Where(n => n.IsDefaultDomain && opTypes.Contains(n.OpType)).ToList())
        {
            if (node.Graph == graph && context.TryRewrite($"dequantize {node.OpType} '{node.Name}'") && rewrite(node))
            {
                context.Statistics.Add(counter);
                changed = true;
            }
        }

        return changed;
    }
}
