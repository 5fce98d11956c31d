using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Which ops `quantize-int8` surrounds with Q/DQ and which of their inputs carry data, following the QDQ node
/// groups ONNX Runtime fuses (QLinearConv/MatMul, QLinearAdd/Mul, QLinearSigmoid, QLinearConcat, and the
/// drop-Q/DQ rule for data-movement ops whose input and output share one scale) and TensorRT's Q/DQ placement
/// (inputs of Conv/MatMul/Gemm and residual Add; data-movement ops carry the scale through).
/// </summary>
internal static class QdqOpRules
{
    /// <summary>Ops with weights: input 1 is quantized per output channel, input 0 as an activation.</summary>
    public static readonly HashSet<string> Compute = ["Conv", "ConvTranspose", "MatMul", "Gemm"];

    /// <summary>Data-movement and monotonic ops: output shares the input's scale, so runtimes run them on 8-bit data.</summary>
    public static readonly HashSet<string> PassThrough = ["MaxPool", "Resize", "Reshape", "Transpose", "Slice", "Split", "Flatten", "Squeeze", "Unsqueeze"];

    /// <summary>Ops ONNX Runtime runs as QLinear kernels when every data input and the output are Q/DQ'd.</summary>
    private static readonly HashSet<string> OrtArithmetic = ["Add", "Mul", "Sigmoid", "LeakyRelu", "AveragePool", "GlobalAveragePool"];

    /// <summary>TensorRT fuses Q/DQ into residual adds; other pointwise ops are fused into the producing layer by TensorRT itself.</summary>
    private static readonly HashSet<string> TensorRtArithmetic = ["Add"];

    public static bool IsQuantizable(Node node, QuantTarget target) =>
        node.IsDefaultDomain && (Compute.Contains(node.OpType) || PassThrough.Contains(node.OpType) || node.OpType == "Concat"
            || (target == QuantTarget.Ort ? OrtArithmetic : TensorRtArithmetic).Contains(node.OpType));

    /// <summary>The input indices that carry activations (not weights, shapes, scales or indices).</summary>
    public static IEnumerable<int> DataInputs(Node node)
    {
        switch (node.OpType)
        {
            case "Concat":
            case "Add":
            case "Mul":
                return Enumerable.Range(0, node.Inputs.Count);
            case "MatMul":
            case "Gemm":
                return node.Input(1) is { IsInitializer: true } ? [0] : [0, 1];
            default:
                return [0];
        }
    }

    /// <summary>The axis of a weight's output channels for per-channel scales, or null when the layout has none (grouped ConvTranspose).</summary>
    public static int? WeightChannelAxis(Node node, Tensor weight) => node.OpType switch
    {
        "Conv" => 0,
        "ConvTranspose" => node.GetInt("group", 1) == 1 ? 1 : null,
        "MatMul" => weight.Rank == 2 ? 1 : null,
        "Gemm" => node.GetInt("transB", 0) != 0 ? 0 : 1,
        _ => null,
    };

    /// <summary>Ops that leave 4-D feature maps (a reshape to another rank, a flatten): what follows is decoding and stays float.</summary>
    public static bool StartsDecoding(Node node)
    {
        if (!node.IsDefaultDomain)
        {
            return false;
        }

        return node.OpType switch
        {
            "Flatten" => true,
            "Reshape" => node.Input(1)?.ConstValue is not { } shape || shape.ElementCount != 4,
            _ => false,
        };
    }
}
