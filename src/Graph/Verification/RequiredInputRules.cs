using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Verification;

/// <summary>
/// Flags default-domain nodes that omit (empty name) or lack an input the op requires. Passes read required inputs
/// without checking, so a model that leaves one out must be refused before they run. Ops not listed here need
/// their first input, except <c>Loop</c> and <c>Optional</c>, whose inputs are all optional.
/// </summary>
public static class RequiredInputRules
{
    // How many leading inputs each op needs, from the ONNX operator schemas (current opsets).
    private static readonly Dictionary<string, int> Leading = new(StringComparer.Ordinal)
    {
        ["Add"] = 2, ["Sub"] = 2, ["Mul"] = 2, ["Div"] = 2, ["Pow"] = 2, ["Mod"] = 2, ["MatMul"] = 2,
        ["Equal"] = 2, ["Less"] = 2, ["LessOrEqual"] = 2, ["Greater"] = 2, ["GreaterOrEqual"] = 2,
        ["And"] = 2, ["Or"] = 2, ["Xor"] = 2, ["BitShift"] = 2, ["PRelu"] = 2, ["CastLike"] = 2,
        ["Gather"] = 2, ["GatherElements"] = 2, ["GatherND"] = 2, ["Expand"] = 2, ["Tile"] = 2,
        ["Conv"] = 2, ["ConvTranspose"] = 2, ["Gemm"] = 2, ["Where"] = 3, ["Range"] = 3,
        ["BatchNormalization"] = 5, ["InstanceNormalization"] = 3, ["LayerNormalization"] = 2,
        ["QuantizeLinear"] = 2, ["DequantizeLinear"] = 2, ["ScatterElements"] = 3, ["ScatterND"] = 3,
        ["OneHot"] = 3,
    };

    public static void Check(Model model, List<Diagnostic> diagnostics)
    {
        long opset = model.GetOpset() ?? 0;
        foreach (var node in model.Graph.AllNodes())
        {
            if (!node.IsDefaultDomain)
            {
                continue;
            }

            int needed = Needed(node, opset);
            for (int i = 0; i < needed; i++)
            {
                if (i >= node.Inputs.Count || node.Inputs[i] is null)
                {
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, $"{node.OpType} needs input {i}, which is missing", node.Name, node.Graph?.Name));
                    break;
                }
            }
        }
    }

    private static int Needed(Node node, long opset) => node.OpType switch
    {
        "Loop" or "Optional" or "Constant" or "SequenceEmpty" or "RandomNormal" or "RandomUniform" => 0,
        "Unsqueeze" => opset >= 13 ? 2 : 1,
        "Slice" => opset >= 10 ? 3 : 1,
        "TopK" => opset >= 10 ? 2 : 1,
        "Reshape" => opset >= 5 ? 2 : 1,
        _ when Leading.TryGetValue(node.OpType, out int n) => n,
        _ => node.Inputs.Count > 0 ? 1 : 0,
    };
}
