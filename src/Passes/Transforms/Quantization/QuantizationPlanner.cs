using OnnxOpt.Graph.Analysis;
using System.Text.RegularExpressions;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Precision;
using OnnxOpt.Passes.Transforms.Pruning;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Decides placement: every quantizable op of the main graph outside the decoding region, minus excluded nodes and
/// the layers that feed decoding directly (a detection head's last Convs and the Concats that join them), which
/// stay float so box regression and class logits keep full precision.
/// </summary>
internal static class QuantizationPlanner
{
    public static QuantizationPlan Plan(Model model, QuantizeInt8Options options, IReadOnlySet<Node> forcedFloat)
    {
        var graph = model.Graph;
        var types = ElementTypeAnalysis.Run(model);
        var include = options.Include.Length > 0 ? PruneConvL1Options.CreateRegex(options.Include) : null;
        var exclude = options.Exclude.Length > 0 ? PruneConvL1Options.CreateRegex(options.Exclude) : null;
        var decoding = DecodingNodes(graph);
        var headTail = HeadTail(graph, decoding);
        var plan = new QuantizationPlan();

        foreach (var node in graph.Nodes)
        {
            if (!QdqOpRules.IsQuantizable(node, options.Target) || !HasFloatData(node, types))
            {
                continue;
            }

            string? reason = decoding.Contains(node) ? "detection decoding"
                : headTail.Contains(node) ? "feeds decoding"
                : forcedFloat.Contains(node) ? "sensitive (keep-float)"
                : Matches(exclude, node) ? "excluded"
                : include is not null && !Matches(include, node) ? "not included"
                : null;
            if (reason is not null)
            {
                if (QdqOpRules.Compute.Contains(node.OpType))
                {
                    plan.KeptFloat.Add((node, reason));
                }

                continue;
            }

            plan.Nodes.Add(node);
        }

        foreach (var node in plan.Nodes)
        {
            var inputs = QdqOpRules.DataInputs(node).Select(node.Input).OfType<Value>().Where(v => Quantizable(v, types)).ToList();
            inputs.ForEach(plan.AddActivation);

            // ONNX Runtime fuses a node group only when its output is quantized too; TensorRT wants inputs only,
            // but a data-movement op or Concat must carry its scale through in both.
            bool carries = QdqOpRules.PassThrough.Contains(node.OpType) || node.OpType == "Concat";
            if (options.Target == QuantTarget.Ort || carries)
            {
                var outputs = node.Outputs.Where(v => Quantizable(v, types) && v.HasUses).ToList();
                outputs.ForEach(plan.AddActivation);
                if (carries && inputs.Count > 0)
                {
                    foreach (var other in inputs.Skip(1).Concat(outputs))
                    {
                        plan.Share(inputs[0], other);
                    }
                }
            }
        }

        return plan;
    }

    private static bool Matches(Regex? regex, Node node) => regex is not null && regex.IsMatch(node.Name);

    private static bool HasFloatData(Node node, ElementTypeAnalysis types) =>
        node.Input(0) is { } first && types.TypeOf(first) == DataType.Float;

    /// <summary>A float tensor computed at run time (not a constant) that a Q/DQ pair can sit on.</summary>
    private static bool Quantizable(Value value, ElementTypeAnalysis types) =>
        !value.IsInitializer && value.Name.Length > 0 && types.TypeOf(value) == DataType.Float && !value.IsGraphOutput;

    /// <summary>Every node downstream of an op that leaves the 4-D feature maps.</summary>
    private static HashSet<Node> DecodingNodes(OnnxGraph graph)
    {
        var decoding = new HashSet<Node>();
        var work = new Stack<Node>(graph.Nodes.Where(QdqOpRules.StartsDecoding));
        while (work.Count > 0)
        {
            var node = work.Pop();
            if (!decoding.Add(node))
            {
                continue;
            }

            foreach (var use in node.Outputs.SelectMany(o => o.Uses))
            {
                work.Push(use.Node);
            }
        }

        return decoding;
    }

    /// <summary>
    /// The layers whose outputs go straight into decoding: walking back from decoding through Concats and
    /// data-movement ops to the Conv/MatMul/Gemm that produced the values (those included, nothing before them).
    /// </summary>
    private static HashSet<Node> HeadTail(OnnxGraph graph, HashSet<Node> decoding)
    {
        var tail = new HashSet<Node>();
        var work = new Stack<Node>();
        foreach (var node in decoding)
        {
            foreach (var producer in node.Inputs.Select(i => i?.Producer).OfType<Node>().Where(p => !decoding.Contains(p)))
            {
                work.Push(producer);
            }
        }

        while (work.Count > 0)
        {
            var node = work.Pop();
            if (!tail.Add(node) || QdqOpRules.Compute.Contains(node.OpType))
            {
                continue;
            }

            if (node.OpType == "Concat" || QdqOpRules.PassThrough.Contains(node.OpType))
            {
                foreach (var producer in node.Inputs.Select(i => i?.Producer).OfType<Node>())
                {
                    work.Push(producer);
                }
            }
            else
            {
                tail.Remove(node);
            }
        }

        return tail;
    }
}
