using OnnxOpt.Passes.Transforms.Opset.Adapters;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// The "since versions" of every default-domain operator from opset 7 to 22, with what changed at each, taken from
/// the ONNX operator documentation (Operators.md, Changelog.md) and the operator-set registry. Versions before 7 are
/// folded into <see cref="OpHistory.Introduced"/>: the converter reads models from opset 7 on. Each version names the
/// rules that carry a node across it; a version whose rules cannot carry a node refuses with the reason.
/// </summary>
internal static class OpVersionTable
{
    private static readonly Dictionary<string, OpHistory> Table = Build();

    public static IReadOnlyCollection<OpHistory> All => Table.Values;

    public static OpHistory? Find(string opType) => Table.GetValueOrDefault(opType);

    private static OpChange At(int since, params IVersionRule[] rules) => new(since, rules);

    private static OpChange Compatible(int since) => new(since, [CompatibleRule.Instance]);

    private static Dictionary<string, OpHistory> Build()
    {
        var table = new Dictionary<string, OpHistory>(StringComparer.Ordinal);
        void Op(string name, int introduced, params OpChange[] changes) => table[name] = new OpHistory(name, introduced, changes);
        void Ops(IEnumerable<string> names, int introduced, params OpChange[] changes)
        {
            foreach (string name in names)
            {
                Op(name, introduced, changes);
            }
        }

        var bf16 = TypeSets.BFloat16;

        // Element-wise math.
        Ops(["Add", "Sub", "Mul", "Div"], 1, At(13, bf16), At(14, TypeSets.SmallIntegers));
        Ops(["Abs", "Ceil", "Exp", "Floor", "Log", "Neg", "Reciprocal", "Sigmoid", "Sqrt", "Tanh"], 1, At(13, bf16));
        Op("Relu", 1, At(13, bf16), At(14, TypeSets.SignedIntegers));
        Ops(["Acos", "Asin", "Atan", "Cos", "Sin", "Tan"], 7, At(22, bf16));
        Ops(["Acosh", "Asinh", "Atanh", "Cosh", "Sinh"], 9, At(22, bf16));
        Ops(["Elu", "HardSigmoid", "Selu", "Softplus", "Softsign"], 1, At(22, bf16));
        Op("ThresholdedRelu", 10, At(22, bf16));
        Op("LeakyRelu", 1, At(16, bf16));
        Op("PRelu", 1, Compatible(9), At(16, bf16));
        Op("Pow", 1, At(12, TypeSets.Integers), At(13, bf16), At(15, bf16));
        Op("Mod", 10, At(13, bf16));
        Op("Sign", 9, At(13, bf16));
        Op("Erf", 9, At(13, bf16));
        Op("Round", 11, At(22, bf16));
        Op("Celu", 12);
        Op("Shrink", 9);
        Ops(["Max", "Min"], 1, Compatible(8), At(12, TypeSets.Integers), At(13, bf16));
        Ops(["Sum", "Mean"], 1, Compatible(8), At(13, bf16));
        Op("Clip", 1, At(11, ClipAdapter.Instance), At(12, TypeSets.Integers), At(13, bf16));
        table["HardSwish"] = new OpHistory("HardSwish", 14, [At(22, bf16)], HardSwishAdapter.Instance);
        table["Mish"] = new OpHistory("Mish", 18, [At(22, bf16)], MishAdapter.Instance);
        table["Gelu"] = new OpHistory("Gelu", 20, [], GeluAdapter.Instance);

        // Logic and comparison.
        Ops(["And", "Or", "Xor", "Not"], 1);
        Op("Equal", 1, Compatible(11), At(13, bf16), At(19, TypeSets.String));
        Ops(["Greater", "Less"], 1, Compatible(9), At(13, bf16));
        Ops(["GreaterOrEqual", "LessOrEqual"], 12, At(16, bf16));
        Op("Where", 9, At(16, bf16));
        Op("IsNaN", 9, At(13, bf16), At(20, TypeSets.Float8Types));
        Op("IsInf", 10, At(20, TypeSets.HalfAndFloat8));
        Op("BitShift", 11);
        Ops(["BitwiseAnd", "BitwiseNot", "BitwiseOr", "BitwiseXor"], 18);

        // Convolution, pooling, normalization.
        Ops(["Conv", "ConvTranspose"], 1, Compatible(11), At(22, bf16));
        Op("AveragePool", 1, Compatible(10), Compatible(11),
            At(19, AttributeRule.AllOnes("dilations", "dilates the window")), At(22, bf16));
        Op("MaxPool", 1, Compatible(8), Compatible(10), Compatible(11), At(12, TypeSets.Bytes), At(22, bf16));
        Op("LpPool", 1, Compatible(11), At(18, AttributeRule.IntDefault("ceil_mode", 0, "rounds output sizes up")), At(22, bf16));
        Ops(["GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "MaxRoiPool", "InstanceNormalization", "LpNormalization"], 1, At(22, bf16));
        Op("MaxUnpool", 9, Compatible(11), At(22, bf16));
        Op("BatchNormalization", 1, At(9, BatchNormalizationAdapter.Instance), At(14, BatchNormalizationAdapter.Instance, bf16), At(15, BatchNormalizationAdapter.Instance));
        Op("LRN", 1, At(13, bf16));
        Op("MeanVarianceNormalization", 9, At(13, bf16));
        Op("LayerNormalization", 17);
        Op("GroupNormalization", 18, At(21, new UnsupportedRule("scale and bias became per channel instead of per group")));
        Op("DeformConv", 19, At(22, bf16));
        Op("Dropout", 1, At(10, DropoutAdapter.Instance), At(12, DropoutAdapter.Instance), At(13, bf16), At(22, bf16));
        Ops(["ConvInteger", "MatMulInteger", "QLinearConv"], 10);
        Op("QLinearMatMul", 10, At(21, TypeSets.Float8AndHalfScales));
        Op("DynamicQuantizeLinear", 11);
        Op("QuantizeLinear", 10, At(13, QuantizeAxisAdapter.Instance),
            At(19, TypeSets.Float8AndHalfScales, AttributeRule.Ignored("saturate")),
            At(21, TypeSets.Int4Types, AttributeRule.IntDefault("block_size", 0, "quantizes in blocks"), AttributeRule.IntDefault("output_dtype", 0, "chooses the output type")));
        Op("DequantizeLinear", 10, At(13, QuantizeAxisAdapter.Instance), At(19, TypeSets.Float8AndHalfScales),
            At(21, TypeSets.Int4Types, AttributeRule.IntDefault("block_size", 0, "dequantizes in blocks")));

        // Matrix products.
        Op("MatMul", 1, Compatible(9), At(13, bf16));
        Op("Gemm", 1, Compatible(9), Compatible(11), At(13, bf16));
        Op("Einsum", 12);
        Op("Det", 11, At(22, bf16));

        // Shape manipulation.
        Op("Reshape", 1, At(13, bf16), At(14, ReshapeAdapter.Instance), At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Op("Flatten", 1, Compatible(9), Compatible(11), At(13, bf16), At(21, TypeSets.Float8AndInt4));
        Ops(["Squeeze", "Unsqueeze"], 1, Compatible(11), At(13, AxesInputAdapter.Instance, bf16), At(21, TypeSets.Float8AndInt4));
        Op("Transpose", 1, At(13, bf16), At(21, TypeSets.Int4Types));
        Op("Concat", 1, Compatible(11), At(13, bf16));
        Op("Split", 1, Compatible(11), At(13, SplitAdapter.Instance, bf16), At(18, SplitAdapter.Instance));
        Op("Slice", 1, At(10, SliceAdapter.Instance), Compatible(11), At(13, bf16));
        Op("Pad", 1, At(11, PadAdapter.Instance), At(13, bf16), At(18, PadAdapter.Instance),
            At(19, AttributeRule.NewValues("mode", "wraps around", "wrap")), At(21, TypeSets.Float8AndInt4));
        Op("Tile", 1, At(13, bf16));
        Op("Expand", 8, At(13, bf16));
        Op("DepthToSpace", 1, Compatible(11), At(13, bf16));
        Op("SpaceToDepth", 1, At(13, bf16));
        Op("Shape", 1, At(13, bf16), At(15, ShapeAdapter.Instance), At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Op("Size", 1, At(13, bf16), At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Op("Identity", 1, At(13, bf16), At(14, NonTensorRule.Sequences), At(16, NonTensorRule.Optionals),
            At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Op("Trilu", 14);
        Op("CenterCropPad", 18);
        Op("Col2Im", 18);

        // Indexing.
        Op("Gather", 1, Compatible(11), At(13, bf16));
        Op("GatherElements", 11, At(13, bf16));
        Op("GatherND", 11, At(12, AttributeRule.IntDefault("batch_dims", 0, "treats leading dimensions as batch")), At(13, bf16));
        Ops(["ScatterElements", "ScatterND"], 11, At(13, bf16),
            At(16, AttributeRule.StringDefault("reduction", "none", "combines updates")),
            At(18, AttributeRule.NewValues("reduction", "combines updates by max or min", "max", "min")));
        table["Scatter"] = new OpHistory("Scatter", 9, [Compatible(11)], ScatterAdapter.Instance, RemovedAt: 11);
        Op("NonZero", 9, At(13, bf16));
        Op("Compress", 9, Compatible(11));
        Op("OneHot", 9, Compatible(11));
        Op("CumSum", 11, At(14, TypeSets.Float16AndBFloat16));
        Op("ReverseSequence", 10);
        Op("Unique", 11);
        Op("TopK", 1, At(10, TopKAdapter.Instance), Compatible(11));
        Ops(["ArgMax", "ArgMin"], 1, Compatible(11),
            At(12, AttributeRule.IntDefault("select_last_index", 0, "selects the last of equal values")), At(13, bf16));

        // Reductions: axes moved from attribute to input at 13 for ReduceSum and at 18 for the others.
        Op("ReduceSum", 1, Compatible(11), At(13, AxesInputAdapter.Instance, bf16));
        Ops(["ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMean", "ReduceProd", "ReduceSumSquare"], 1,
            Compatible(11), At(13, bf16), At(18, AxesInputAdapter.Instance));
        Ops(["ReduceMax", "ReduceMin"], 1, Compatible(11), At(12, TypeSets.Bytes), At(13, bf16), At(18, AxesInputAdapter.Instance), At(20, TypeSets.Bool));

        // Softmax family: before 13 the input is coerced to 2-D at the axis.
        Ops(["Softmax", "LogSoftmax", "Hardmax"], 1, Compatible(11), At(13, SoftmaxAdapter.Instance, bf16));

        // Resizing.
        Op("Resize", 10, At(11, ResizeAdapter.Instance), At(13, ResizeAdapter.Instance, bf16), At(18, ResizeAdapter.Instance), At(19, ResizeAdapter.Instance));
        table["Upsample"] = new OpHistory("Upsample", 7, [Compatible(9)], UpsampleAdapter.Instance, RemovedAt: 10);
        Op("GridSample", 16, At(20, GridSampleAdapter.Instance), At(22, bf16));
        Op("AffineGrid", 20);
        Op("RoiAlign", 10, At(16, AttributeRule.ExplicitOld("coordinate_transformation_mode", "output_half_pixel", "selects half-pixel coordinates")), At(22, bf16));
        Op("NonMaxSuppression", 10, Compatible(11));

        // Constants and casts.
        Op("Constant", 1, Compatible(9), Compatible(11), At(12, ConstantAdapter.Instance), At(13, bf16), At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Op("ConstantOfShape", 9, At(20, TypeSets.BFloat16AndFloat8), At(21, TypeSets.Int4Types));
        Op("Cast", 1, Compatible(9), At(13, bf16), At(19, TypeSets.Float8Types, AttributeRule.Ignored("saturate")), At(21, TypeSets.Int4Types));
        Op("CastLike", 15, At(19, TypeSets.Float8Types, AttributeRule.Ignored("saturate")), At(21, TypeSets.Int4Types));
        Op("Range", 11);
        Op("EyeLike", 9, At(22, bf16));
        Ops(["RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike"], 1, At(22, bf16));
        Op("Multinomial", 7, At(22, bf16));
        Op("Bernoulli", 15, At(22, bf16));

        // Control flow and sequences.
        Ops(["If", "Loop"], 1, Compatible(11), At(13, NonTensorRule.Sequences), At(16, NonTensorRule.Optionals, bf16),
            At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Op("Scan", 8, At(9, new UnsupportedRule("Scan lost its batch axis")), Compatible(11), At(16, bf16),
            At(19, TypeSets.Float8Types), At(21, TypeSets.Int4Types));
        Ops(["SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase", "SequenceInsert", "SequenceLength", "SplitToSequence", "ConcatFromSequence"], 11);
        Op("Optional", 15);
        Ops(["OptionalHasElement", "OptionalGetElement"], 15, At(18, new UnsupportedRule("the operator started accepting plain tensors and sequences")));
        Op("SequenceMap", 17);

        // Recurrent networks.
        Ops(["RNN", "GRU", "LSTM"], 1, At(14, AttributeRule.IntDefault("layout", 0, "puts the batch axis first")), At(22, bf16));

        // Signal processing, strings, images and training.
        Op("DFT", 17, At(20, new UnsupportedRule("the axis moved from an attribute to an input")));
        Ops(["STFT", "HannWindow", "HammingWindow", "BlackmanWindow", "MelWeightMatrix"], 17);
        Op("StringNormalizer", 10);
        Op("TfIdfVectorizer", 9);
        Ops(["RegexFullMatch", "StringConcat", "StringSplit", "ImageDecoder"], 20);
        Op("NegativeLogLikelihoodLoss", 12, At(13, bf16), At(22, bf16));
        Op("SoftmaxCrossEntropyLoss", 12, At(13, bf16));
        foreach (var history in table.Values)
        {
            Check(history);
        }

        return table;
    }

    /// <summary>
    /// Guards the table's shape: versions ascend after the introduction and stay within the known opsets, every version
    /// has a rule, and "compatible" marks only versions up to the lowest target (a compatible version above it would be
    /// crossed downwards, where compatibility means nothing).
    /// </summary>
    private static void Check(OpHistory history)
    {
        int previous = history.Introduced;
        foreach (var change in history.Changes)
        {
            if (change.Since <= previous || change.Since > OpsetConversion.MaxTarget || change.Rules.Count == 0
                || (change.Since > OpsetConversion.MinTarget && change.Rules.Contains(CompatibleRule.Instance)))
            {
                throw new InvalidOperationException($"version table entry {history.Name}-{change.Since} is malformed");
            }

            previous = change.Since;
        }
    }
}
