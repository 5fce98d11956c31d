using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>
/// Every node needs an importer in the target's parser. Custom-domain ops need a TensorRT plugin. An
/// unsupported node whose inputs are all constants can be folded away; otherwise the message says which
/// newer TensorRT imports the op, when one does.
/// </summary>
public sealed class OperatorRule : ICheckRule
{
    /// <summary>The integer-quantized ops (ONNX Runtime's dynamic and QLinear quantization) that dequantize turns back into float ops.</summary>
    public static IReadOnlySet<string> IntegerQuantizedOps { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ConvInteger", "MatMulInteger", "DynamicQuantizeLinear", "QLinearConv", "QLinearMatMul",
    };

    public void Check(CheckContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (!node.IsDefaultDomain)
            {
                context.Report(node, CheckSeverity.Unsupported, "custom-op", $"op '{node.Domain}.{node.OpType}' has no importer; it needs a TensorRT plugin",
                    new SuggestedFix(null, "register a TensorRT plugin of this name or rewrite the node with standard ONNX ops"));
                continue;
            }

            if (context.Parser.Supports(node.OpType))
            {
                continue;
            }

            context.Report(node, CheckSeverity.Unsupported, "unsupported-op", $"{context.Parser.Name} has no importer for {node.OpType}{NewerSupport(context, node.OpType)}", FixFor(context, node));
        }
    }

    private static SuggestedFix FixFor(CheckContext context, OnnxOpt.Graph.IR.Node node)
    {
        if (node.Outputs.Count > 0 && context.FoldFix(node.Outputs, "it computes a constant, so folding removes it") is { } fold)
        {
            return fold;
        }

        if (IntegerQuantizedOps.Contains(node.OpType))
        {
            return new SuggestedFix(FixPipelines.Dequantize, $"turn the integer ops back into float ops; for an INT8 engine then run {FixPipelines.QuantizeTensorRt} with --calibration-data (TensorRT takes INT8 only as QuantizeLinear/DequantizeLinear pairs)");
        }

        return new SuggestedFix(null, "rewrite the node with supported ops or provide a TensorRT plugin");
    }

    private static string NewerSupport(CheckContext context, string op)
    {
        var newer = TargetProfiles.All.Where(t => t.TensorRt > context.Target.TensorRt && t.Parser.Supports(op)).Select(t => t.TensorRtText).FirstOrDefault();
        return newer is null ? string.Empty : $" (TensorRT {newer} has one)";
    }
}
