using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// What the ONNX specification and the usual runtimes say about running each op in float16: the default block
/// list (ops kept in float32 unless the user says otherwise), ops the spec gives no float16 kernel at all
/// (always kept), inputs that stay float32 in a float16 op, and inputs that take any type. docs/fp16.md gives
/// the reason for every entry.
/// </summary>
internal static class Float16OpRules
{
    /// <summary>
    /// The default `op-block-list`: NonMaxSuppression, TopK, RoiAlign, Range and CumSum (the block list every
    /// float16 converter ships: no float16 kernel in the spec or in ONNX Runtime's CPU provider, or indices and
    /// box coordinates that lose their meaning when rounded), quantization ops (their scales must stay float32
    /// to match calibration), reductions of squares (the sum of squares of a vector with norm over 256
    /// overflows float16) and random generators (ONNX Runtime has no float16 kernel for them, and a converted
    /// model must still load there).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultBlockList =
    [
        "NonMaxSuppression", "TopK", "RoiAlign", "Range", "CumSum",
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear",
        "ReduceSumSquare", "ReduceL2", "LpNormalization",
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Bernoulli",
    ];

    /// <summary>Ops whose float inputs or outputs are float32 by their spec's type constraints, whatever the block list says.</summary>
    public static bool IsFloat32OnlyBySpec(Node node, long opset) => node.OpType switch
    {
        "Range" or "NonMaxSuppression" or "DynamicQuantizeLinear" or "TfIdfVectorizer" => true,
        "CumSum" => opset < 14,
        _ => OpRuleTable.IsSequenceOrOptional(node.OpType),
    };

    /// <summary>Inputs that stay float32 when their op runs in float16 (Resize `roi`/`scales`, Upsample `scales`).</summary>
    public static bool IsFloat32Input(Node node, int index) => node.OpType switch
    {
        "Resize" => index is 1 or 2,
        "Upsample" => index == 1,
        _ => false,
    };

    /// <summary>Inputs of any element type: a float16 value may feed them as it is.</summary>
    public static bool IsAnyTypeInput(Node node, int index) => node.OpType switch
    {
        "Cast" or "Shape" or "Size" => true,
        "CastLike" => index == 0,
        _ => false,
    };

    /// <summary>Float outputs that stay float32 in a float16 op (LayerNormalization's mean and inverse deviation follow `stash_type`).</summary>
    public static bool IsFloat32Output(Node node, int index) =>
        node.OpType == "LayerNormalization" && index > 0 && node.GetInt("stash_type", (long)DataType.Float) == (long)DataType.Float;
}
