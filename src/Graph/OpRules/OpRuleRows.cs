using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.OpRules;

/// <summary>The rows of <see cref="OpRuleTable"/>, grouped by how an op types its outputs.</summary>
internal static class OpRuleRows
{
    /// <summary>Element-wise and layout ops whose output has the type of input 0, with every input in one type group.</summary>
    private static readonly string[] SameTypeAllInputs =
    [
        "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Concat", "MatMul", "Gemm", "Conv", "ConvTranspose",
    ];

    /// <summary>Ops whose output 0 has the type of input 0 and whose other inputs are indices, shapes, axes or parameters.</summary>
    private static readonly string[] SameTypeAsInput0 =
    [
        "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Neg", "Abs", "Reciprocal", "Floor", "Ceil", "Round", "Softmax",
        "LogSoftmax", "Erf", "HardSigmoid", "HardSwish", "LeakyRelu", "Elu", "Selu", "Identity", "Sin", "Cos", "Softplus",
        "Pow", "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Expand", "Tile", "Gather", "GatherElements", "GatherND",
        "Transpose", "Slice", "Split", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Resize", "Upsample",
        "BatchNormalization", "InstanceNormalization", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
        "ReduceL2", "Mish", "Gelu", "DepthToSpace", "SpaceToDepth",
    ];

    /// <summary>Ops that keep input 0's type but whose inputs the verifier does not constrain.</summary>
    private static readonly string[] KeepInput0 =
    [
        "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "Tan", "Sinh", "Cosh", "Sign", "Celu", "Softsign", "ThresholdedRelu",
        "Shrink", "Hardmax", "LRN", "CumSum", "MeanVarianceNormalization", "Mod", "PRelu", "BitShift", "BitwiseAnd", "BitwiseOr",
        "BitwiseXor", "BitwiseNot", "GlobalLpPool", "LpPool", "LpNormalization", "GroupNormalization", "RMSNormalization", "GridSample",
        "ReduceL1", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "Range", "Trilu", "Compress", "ReverseSequence",
        "ScatterND", "ScatterElements", "Scatter", "Einsum", "Det", "RoiAlign", "MaxRoiPool", "MaxUnpool", "Col2Im", "CenterCropPad",
        "AffineGrid", "DFT", "STFT", "Swish", "LSTM", "GRU", "RNN", "RotaryEmbedding", "ImageScaler",
    ];

    private static readonly string[] BoolOutputs =
    [
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf", "RegexFullMatch",
    ];

    private static readonly string[] Int64Outputs = ["Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression"];

    private static readonly string[] Windows = ["BlackmanWindow", "HammingWindow", "HannWindow", "MelWeightMatrix"];

    public static Dictionary<string, OpRule> Build()
    {
        var table = new Dictionary<string, OpRule>(StringComparer.Ordinal);
        void Add(OpRule rule) => table[rule.OpType] = rule;
        OutputType Input0 = OutputType.Input(0);

        foreach (var op in SameTypeAllInputs)
        {
            Add(new OpRule(op) { Outputs = [Input0], AllInputsSameType = true });
        }

        foreach (var op in SameTypeAsInput0)
        {
            Add(new OpRule(op) { Outputs = [Input0], SameTypeInputs = [0] });
        }

        foreach (var op in KeepInput0)
        {
            Add(new OpRule(op) { Outputs = [Input0] });
        }

        foreach (var op in BoolOutputs)
        {
            bool comparison = op is "Equal" or "Less" or "Greater" or "LessOrEqual" or "GreaterOrEqual";
            Add(new OpRule(op) { Outputs = [OutputType.Of(DataType.Bool)], SameTypeInputs = comparison ? [0, 1] : [] });
        }

        foreach (var op in Int64Outputs)
        {
            Add(new OpRule(op) { Outputs = [OutputType.Of(DataType.Int64)] });
        }

        foreach (var op in Windows)
        {
            Add(new OpRule(op) { Outputs = [OutputType.Attribute("output_datatype", OutputType.Of(DataType.Float))] });
        }

        AddIndexedAndNormalization(Add, Input0);
        AddGenerators(Add, Input0);
        AddQuantization(Add);
        AddControlFlowAndStrings(Add);
        return table;
    }

    private static void AddIndexedAndNormalization(Action<OpRule> add, OutputType input0)
    {
        var int64 = OutputType.Of(DataType.Int64);
        add(new OpRule("TopK") { Outputs = [input0, int64], SameTypeInputs = [0] });
        add(new OpRule("MaxPool") { Outputs = [input0, int64], SameTypeInputs = [0] });
        add(new OpRule("Unique") { Outputs = [input0, int64] });
        add(new OpRule("Dropout") { Outputs = [input0, OutputType.Of(DataType.Bool)], SameTypeInputs = [0], Deterministic = false });
        add(new OpRule("LayerNormalization")
        {
            Outputs = [input0, OutputType.Attribute("stash_type", OutputType.Of(DataType.Float))], SameTypeInputs = [0],
        });
        add(new OpRule("Clip") { Outputs = [input0], SameTypeInputs = [0, 1, 2] });
        add(new OpRule("Pad") { Outputs = [input0], SameTypeInputs = [0, 2] });
        add(new OpRule("Where") { Outputs = [OutputType.Input(1)], SameTypeInputs = [1, 2] });
        add(new OpRule("OneHot") { Outputs = [OutputType.Input(2)] });
        add(new OpRule("Cast") { Outputs = [OutputType.Attribute("to", OutputType.Unknown)] });
        add(new OpRule("CastLike") { Outputs = [OutputType.Input(1)] });
    }

    private static void AddGenerators(Action<OpRule> add, OutputType input0)
    {
        add(new OpRule("Constant") { Outputs = [OutputType.ConstantValue] });
        add(new OpRule("ConstantOfShape") { Outputs = [OutputType.TensorAttribute("value", DataType.Float)] });
        add(new OpRule("EyeLike") { Outputs = [OutputType.Attribute("dtype", input0)] });
        foreach (var op in new[] { "RandomNormal", "RandomUniform" })
        {
            add(new OpRule(op) { Outputs = [OutputType.Attribute("dtype", OutputType.Of(DataType.Float))], Deterministic = false });
        }

        foreach (var op in new[] { "RandomNormalLike", "RandomUniformLike", "Bernoulli" })
        {
            add(new OpRule(op) { Outputs = [OutputType.Attribute("dtype", input0)], Deterministic = false });
        }

        add(new OpRule("Multinomial") { Outputs = [OutputType.Attribute("dtype", OutputType.Of(DataType.Int32))], Deterministic = false });
    }

    /// <summary>
    /// The quantization family: what ONNX Runtime's quantizer emits (dynamic: DynamicQuantizeLinear + ConvInteger /
    /// MatMulInteger + Cast + Mul; static: QuantizeLinear / DequantizeLinear or QLinear ops).
    /// </summary>
    private static void AddQuantization(Action<OpRule> add)
    {
        var uint8 = OutputType.Of(DataType.UInt8);
        var int32 = OutputType.Of(DataType.Int32);
        add(new OpRule("QuantizeLinear") { Outputs = [OutputType.Attribute("output_dtype", OutputType.InputOr(2, uint8))] });
        add(new OpRule("DequantizeLinear") { Outputs = [OutputType.Attribute("output_dtype", OutputType.Input(1))] });
        add(new OpRule("DynamicQuantizeLinear") { Outputs = [uint8, OutputType.Of(DataType.Float), uint8] });
        add(new OpRule("ConvInteger") { Outputs = [int32] });
        add(new OpRule("MatMulInteger") { Outputs = [int32] });
        add(new OpRule("QLinearConv") { Outputs = [OutputType.Input(7)] });
        add(new OpRule("QLinearMatMul") { Outputs = [OutputType.Input(7)] });
    }

    private static void AddControlFlowAndStrings(Action<OpRule> add)
    {
        add(new OpRule("If") { Outputs = [OutputType.Subgraph("then_branch", 0)] });
        add(new OpRule("Loop") { Outputs = [OutputType.Subgraph("body", 1)] });
        add(new OpRule("Scan") { Outputs = [OutputType.Subgraph("body", 0)] });
        foreach (var op in new[]
        {
            "SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase", "SequenceInsert", "SequenceLength", "SequenceMap",
            "SplitToSequence", "ConcatFromSequence", "Optional", "OptionalGetElement", "OptionalHasElement",
        })
        {
            add(new OpRule(op) { Outputs = [OutputType.Unknown] });
        }

        var text = OutputType.Of(DataType.String);
        add(new OpRule("StringNormalizer") { Outputs = [text] });
        add(new OpRule("StringConcat") { Outputs = [text] });
        add(new OpRule("StringSplit") { Outputs = [text, OutputType.Of(DataType.Int64)] });
        add(new OpRule("TfIdfVectorizer") { Outputs = [OutputType.Of(DataType.Float)] });
        add(new OpRule("ImageDecoder") { Outputs = [OutputType.Of(DataType.UInt8)] });
    }
}
