using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// The table of CPU kernels for default-domain ops, used by constant folding and checked against the ONNX backend
/// node tests. Kernels are exact for data movement; arithmetic runs in double (real types) or long (integers).
/// </summary>
public static class BuiltinKernels
{
    private static readonly Dictionary<string, KernelFunction> Table = new(StringComparer.Ordinal)
    {
        ["Constant"] = ShapeKernels.Constant,
        ["Identity"] = ShapeKernels.Identity,
        ["Shape"] = ShapeKernels.Shape,
        ["Size"] = ShapeKernels.Size,
        ["Reshape"] = ShapeKernels.Reshape,
        ["Flatten"] = ShapeKernels.Flatten,
        ["Squeeze"] = ShapeKernels.Squeeze,
        ["Unsqueeze"] = ShapeKernels.Unsqueeze,
        ["Gather"] = IndexingKernels.Gather,
        ["GatherElements"] = IndexingKernels.GatherElements,
        ["Concat"] = IndexingKernels.Concat,
        ["Split"] = IndexingKernels.Split,
        ["Slice"] = LayoutKernels.Slice,
        ["Transpose"] = LayoutKernels.Transpose,
        ["Expand"] = LayoutKernels.Expand,
        ["Tile"] = LayoutKernels.Tile,
        ["Pad"] = LayoutKernels.Pad,
        ["Range"] = GeneratorKernels.Range,
        ["ConstantOfShape"] = GeneratorKernels.ConstantOfShape,
        ["Cast"] = GeneratorKernels.Cast,
        ["CastLike"] = GeneratorKernels.CastLike,
        ["Add"] = ArithmeticKernels.Add,
        ["Sub"] = ArithmeticKernels.Sub,
        ["Mul"] = ArithmeticKernels.Mul,
        ["Div"] = ArithmeticKernels.Div,
        ["Pow"] = ArithmeticKernels.Pow,
        ["Mod"] = ArithmeticKernels.Mod,
        ["Min"] = ArithmeticKernels.Min,
        ["Max"] = ArithmeticKernels.Max,
        ["Sum"] = ArithmeticKernels.Sum,
        ["Mean"] = ArithmeticKernels.Mean,
        ["Neg"] = UnaryKernels.Neg,
        ["Abs"] = UnaryKernels.Abs,
        ["Sign"] = UnaryKernels.Sign,
        ["Sqrt"] = UnaryKernels.Sqrt,
        ["Exp"] = UnaryKernels.Exp,
        ["Log"] = UnaryKernels.Log,
        ["Reciprocal"] = UnaryKernels.Reciprocal,
        ["Floor"] = UnaryKernels.Floor,
        ["Ceil"] = UnaryKernels.Ceil,
        ["Round"] = UnaryKernels.Round,
        ["Sigmoid"] = UnaryKernels.Sigmoid,
        ["Tanh"] = UnaryKernels.Tanh,
        ["Sin"] = UnaryKernels.Sin,
        ["Cos"] = UnaryKernels.Cos,
        ["Relu"] = UnaryKernels.Relu,
        ["Clip"] = UnaryKernels.Clip,
        ["Equal"] = LogicalKernels.Equal,
        ["Less"] = LogicalKernels.Less,
        ["LessOrEqual"] = LogicalKernels.LessOrEqual,
        ["Greater"] = LogicalKernels.Greater,
        ["GreaterOrEqual"] = LogicalKernels.GreaterOrEqual,
        ["Not"] = LogicalKernels.Not,
        ["And"] = LogicalKernels.And,
        ["Or"] = LogicalKernels.Or,
        ["Xor"] = LogicalKernels.Xor,
        ["Where"] = LogicalKernels.Where,
        ["ReduceSum"] = ReduceKernels.Sum,
        ["ReduceMean"] = ReduceKernels.Mean,
        ["ReduceMax"] = ReduceKernels.Max,
        ["ReduceMin"] = ReduceKernels.Min,
        ["ReduceProd"] = ReduceKernels.Prod,
        ["ReduceSumSquare"] = ReduceKernels.SumSquare,
        ["ReduceL1"] = ReduceKernels.L1,
        ["ReduceL2"] = ReduceKernels.L2,
        ["ReduceLogSum"] = ReduceKernels.LogSum,
        ["ReduceLogSumExp"] = ReduceKernels.LogSumExp,
        ["MatMul"] = MatMulKernel.MatMul,
        ["Softmax"] = SoftmaxKernels.Softmax,
        ["LogSoftmax"] = SoftmaxKernels.LogSoftmax,
        ["QuantizeLinear"] = QuantizationKernels.Quantize,
        ["DequantizeLinear"] = QuantizationKernels.Dequantize,
    };

    /// <summary>The op types that have a built-in kernel.</summary>
    public static IReadOnlyCollection<string> OpTypes => Table.Keys;

    /// <summary>True when <paramref name="node"/> is a default-domain op with a built-in kernel.</summary>
    public static bool Supports(Node node) => node.IsDefaultDomain && Table.ContainsKey(node.OpType);

    /// <summary>Evaluates <paramref name="node"/> on <paramref name="inputs"/>; throws <see cref="KernelException"/> when it cannot.</summary>
    public static IReadOnlyList<Tensor> Evaluate(Node node, long opset, IReadOnlyList<Tensor?> inputs)
    {
        if (!Supports(node))
        {
            throw new KernelException($"{node.OpType}: no built-in kernel");
        }

        if (node.Subgraphs().Any())
        {
            throw new KernelException($"{node.OpType}: nodes with subgraphs are not evaluated");
        }

        IReadOnlyList<Tensor> outputs;
        try
        {
            outputs = Table[node.OpType](new KernelCall(node, opset, inputs));
        }
        catch (Exception e) when (e is OnnxFormatException or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new KernelException($"{node.OpType}: {e.Message}", e);
        }

        if (outputs.Count < node.Outputs.Count(o => o.Name.Length > 0) && node.OpType != "Split")
        {
            throw new KernelException($"{node.OpType}: optional outputs are not computed by the built-in kernel");
        }

        return outputs;
    }
}
