using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Parser;

/// <summary>
/// onnx-tensorrt's documented support per release. 8.2: opsets up to 13, Conv/ConvTranspose weights must be
/// initializers, INT64 is cast down to INT32 with clamping. 8.5: opsets up to 17, adds Mod, NonZero, OneHot,
/// Reciprocal, HardSwish and others, drops the Conv weight restriction. 10.x: opsets 9-20, native INT64 and
/// BF16, LayerNormalization and GroupNormalization. 11.x: opsets 9-24 with the ops added through 10.15.
/// </summary>
public static class OnnxParserMatrices
{
    private static readonly string[] Trt82Ops =
    [
        "Abs", "Acos", "Acosh", "Add", "And", "ArgMax", "ArgMin", "Asin", "Asinh", "Atan", "Atanh", "AveragePool",
        "BatchNormalization", "Cast", "Ceil", "Celu", "Clip", "Concat", "Constant", "ConstantOfShape", "Conv",
        "ConvTranspose", "Cos", "Cosh", "CumSum", "DepthToSpace", "DequantizeLinear", "Div", "Dropout", "Einsum",
        "Elu", "Equal", "Erf", "Exp", "Expand", "EyeLike", "Flatten", "Floor", "Gather", "GatherElements", "GatherND",
        "Gemm", "GlobalAveragePool", "GlobalLpPool", "GlobalMaxPool", "Greater", "GreaterOrEqual", "GRU",
        "HardSigmoid", "Identity", "If", "ImageScaler", "InstanceNormalization", "IsNaN", "LeakyRelu", "Less",
        "LessOrEqual", "Log", "LogSoftmax", "Loop", "LRN", "LSTM", "LpNormalization", "LpPool", "MatMul", "Max",
        "MaxPool", "Mean", "Min", "Mul", "Neg", "NonMaxSuppression", "Not", "Or", "Pad", "ParametricSoftplus", "Pow",
        "PRelu", "QuantizeLinear", "RandomUniform", "RandomUniformLike", "Range", "ReduceL1", "ReduceL2",
        "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum",
        "ReduceSumSquare", "Relu", "Reshape", "Resize", "ReverseSequence", "RNN", "Round", "ScaledTanh", "Scan",
        "Scatter", "ScatterElements", "ScatterND", "Selu", "Shape", "Sigmoid", "Sign", "Sin", "Sinh", "Size", "Slice",
        "Softmax", "Softplus", "Softsign", "SpaceToDepth", "Split", "Sqrt", "Squeeze", "Sub", "Sum", "Tan", "Tanh",
        "ThresholdedRelu", "Tile", "TopK", "Transpose", "Unsqueeze", "Upsample", "Where",
    ];

    private static readonly string[] AddedIn85 =
    [
        "GridSample", "HardSwish", "MeanVarianceNormalization", "Mod", "NonZero", "OneHot", "RandomNormal",
        "RandomNormalLike", "Reciprocal", "RoiAlign", "Shrink", "Trilu", "Xor",
    ];

    private static readonly string[] AddedIn10 =
    [
        "CastLike", "DeformConv", "Gelu", "GroupNormalization", "Hardmax", "IsInf", "LayerNormalization", "Mish",
    ];

    private static readonly string[] AddedIn11 =
    [
        "Attention", "BlackmanWindow", "HammingWindow", "HannWindow", "RMSNormalization", "RotaryEmbedding", "STFT",
        "TensorScatter",
    ];

    private static readonly string[] ReduceOps =
    [
        "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin",
        "ReduceProd", "ReduceSum", "ReduceSumSquare",
    ];

    private static readonly AttributeRequirement[] ResizeAttributes =
    [
        new("Resize", "mode", "nearest", ["nearest", "linear"]),
        new("Resize", "coordinate_transformation_mode", "half_pixel", ["half_pixel", "pytorch_half_pixel", "tf_half_pixel_for_nn", "asymmetric", "align_corners"]),
        new("Resize", "nearest_mode", "round_prefer_floor", ["floor", "ceil", "round_prefer_floor", "round_prefer_ceil"]),
    ];

    private static readonly AttributeRequirement[] Trt10Attributes =
    [
        .. ResizeAttributes,
        new("Resize", "antialias", "0", ["0"]),
        new("Resize", "keep_aspect_ratio_policy", "stretch", ["stretch"]),
        new("TopK", "sorted", "1", ["1"]),
        new("ScatterND", "reduction", "none", ["none"]),
        new("LSTM", "input_forget", "0", ["0"]),
        new("LSTM", "layout", "0", ["0"]),
    ];

    private static readonly Dictionary<string, IReadOnlyList<int>> MaxPoolIndices = new() { ["MaxPool"] = [1] };

    private static readonly HashSet<DataType> Trt8Types = [DataType.Float, DataType.Float16, DataType.Int32, DataType.Int8, DataType.Bool];

    private static readonly Dictionary<DataType, DataType> Trt8CastDown = new() { [DataType.Int64] = DataType.Int32, [DataType.Double] = DataType.Float };

    public static OnnxParserSupport TensorRt82 { get; } = new()
    {
        Name = "onnx-tensorrt 8.2",
        MaxOpset = 13,
        Operators = Set(Trt82Ops),
        ConstantInputs = new Dictionary<string, IReadOnlyList<ConstantInput>>
        {
            ["Conv"] = [new(1, "W")],
            ["ConvTranspose"] = [new(1, "W")],
            ["CumSum"] = [new(1, "axis")],
            ["InstanceNormalization"] = [new(1, "scale"), new(2, "B")],
            ["NonMaxSuppression"] = [new(2, "max_output_boxes_per_class"), new(3, "iou_threshold"), new(4, "score_threshold")],
            ["Slice"] = [new(3, "axes")],
            ["Squeeze"] = [new(1, "axes")],
            ["Unsqueeze"] = [new(1, "axes")],
            ["TopK"] = [new(1, "K")],
        },
        Attributes = ResizeAttributes,
        SpatialRank2Or3 = Set(["Conv", "ConvTranspose", "AveragePool", "MaxPool"]),
        UnsupportedOutputs = MaxPoolIndices,
        NativeTypes = Trt8Types,
        CastDown = Trt8CastDown,
        ConstantOfShapeTypes = new HashSet<DataType> { DataType.Float },
        FloatRangeNeedsConstants = true,
    };

    public static OnnxParserSupport TensorRt85 { get; } = new()
    {
        Name = "onnx-tensorrt 8.5",
        MaxOpset = 17,
        Operators = Set([.. Trt82Ops, .. AddedIn85]),
        ConstantInputs = new Dictionary<string, IReadOnlyList<ConstantInput>>
        {
            ["CumSum"] = [new(1, "axis")],
            ["InstanceNormalization"] = [new(1, "scale"), new(2, "B")],
            ["Slice"] = [new(3, "axes")],
            ["Squeeze"] = [new(1, "axes")],
            ["Unsqueeze"] = [new(1, "axes")],
            ["TopK"] = [new(1, "K")],
        },
        Attributes = ResizeAttributes,
        SpatialRank2Or3 = Set(["AveragePool", "MaxPool"]),
        UnsupportedOutputs = MaxPoolIndices,
        NativeTypes = Trt8Types,
        CastDown = Trt8CastDown,
        InputOutputOnlyTypes = new HashSet<DataType> { DataType.UInt8 },
        ConstantOfShapeTypes = new HashSet<DataType> { DataType.Float },
    };

    public static OnnxParserSupport TensorRt10 { get; } = new()
    {
        Name = "onnx-tensorrt 10.3",
        MinOpset = 9,
        MaxOpset = 20,
        Operators = Set([.. Trt82Ops, .. AddedIn85, .. AddedIn10]),
        ConstantInputs = Trt10ConstantInputs(dynamicAxes: false),
        Attributes = Trt10Attributes,
        SpatialRank2Or3 = Set(["AveragePool", "MaxPool", "LpPool"]),
        UnsupportedOutputs = new Dictionary<string, IReadOnlyList<int>> { ["MaxPool"] = [1], ["LayerNormalization"] = [1, 2] },
        NativeTypes = Trt10Types(),
        CastDown = new Dictionary<DataType, DataType> { [DataType.Double] = DataType.Float },
        InputOutputOnlyTypes = new HashSet<DataType> { DataType.UInt8 },
    };

    public static OnnxParserSupport TensorRt11 { get; } = TensorRt10 with
    {
        Name = "onnx-tensorrt 11.x",
        MaxOpset = 24,
        Operators = Set([.. Trt82Ops, .. AddedIn85, .. AddedIn10, .. AddedIn11]),
        ConstantInputs = Trt10ConstantInputs(dynamicAxes: true),
        NativeTypes = new HashSet<DataType>(Trt10Types()) { DataType.Float4E2M1 },
    };

    private static Dictionary<string, IReadOnlyList<ConstantInput>> Trt10ConstantInputs(bool dynamicAxes)
    {
        // Reduce axes, OneHot depth and Dropout's training flag stay build-time constants; from 10.7/10.8
        // Squeeze, Unsqueeze and CumSum also take computed axes.
        var inputs = new Dictionary<string, IReadOnlyList<ConstantInput>>
        {
            ["OneHot"] = [new(1, "depth")],
            ["Dropout"] = [new(2, "training_mode")],
        };
        foreach (string op in ReduceOps)
        {
            inputs[op] = [new(1, "axes")];
        }

        if (!dynamicAxes)
        {
            inputs["CumSum"] = [new(1, "axis")];
            inputs["Squeeze"] = [new(1, "axes")];
            inputs["Unsqueeze"] = [new(1, "axes")];
        }

        return inputs;
    }

    private static HashSet<DataType> Trt10Types() =>
    [
        DataType.Float, DataType.Float16, DataType.BFloat16, DataType.Int32, DataType.Int64, DataType.Int8,
        DataType.Int4, DataType.Float8E4M3FN, DataType.Bool,
    ];

    private static HashSet<string> Set(IEnumerable<string> names) => new(names, StringComparer.Ordinal);
}
