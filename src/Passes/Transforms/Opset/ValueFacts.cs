using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// What the converter can know about values without running the model: constant data (initializers that are not
/// overridable inputs, Constant outputs), element types and ranks. Types and ranks come from declarations and
/// initializers, then one forward walk over the nodes: types from <see cref="OpRuleTable"/>, ranks from simple
/// per-operator rules; anything else is unknown. Facts are computed from the model as it was before conversion and are only read while planning.
/// </summary>
internal sealed class ValueFacts
{
    /// <summary>Operators whose outputs keep the rank of input 0.</summary>
    private static readonly HashSet<string> SameRank =
    [
        "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "AveragePool", "BatchNormalization", "Cast", "CastLike", "Ceil",
        "Celu", "Clip", "Conv", "ConvTranspose", "Cos", "Cosh", "CumSum", "DepthToSpace", "Dropout", "Elu", "Erf", "Exp", "Floor",
        "Gelu", "GlobalAveragePool", "GlobalLpPool", "GlobalMaxPool", "GroupNormalization", "HardSigmoid", "HardSwish", "Hardmax",
        "Identity", "InstanceNormalization", "LRN", "LayerNormalization", "LeakyRelu", "Log", "LogSoftmax", "LpNormalization",
        "LpPool", "MaxPool", "Mish", "Neg", "Not", "Pad", "Reciprocal", "Relu", "Resize", "Round", "Selu", "Shrink", "Sigmoid",
        "Sign", "Sin", "Sinh", "Slice", "Softmax", "Softplus", "Softsign", "SpaceToDepth", "Split", "Sqrt", "Tan", "Tanh",
        "ThresholdedRelu", "Tile", "TopK", "Upsample",
    ];

    /// <summary>Broadcasting operators: the output rank is the largest input rank.</summary>
    private static readonly HashSet<string> Broadcasting =
    [
        "Add", "And", "BitShift", "Div", "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual", "Max", "Mean", "Min", "Mod",
        "Mul", "Or", "PRelu", "Pow", "Sub", "Sum", "Where", "Xor",
    ];

    private readonly Dictionary<Value, DataType> _types = [];
    private readonly Dictionary<Value, int> _ranks = [];

    public ValueFacts(Model model)
    {
        foreach (var graph in model.Graph.AllGraphs())
        {
            foreach (var value in graph.Inputs.Concat(graph.Initializers))
            {
                Declare(value);
            }
        }

        foreach (var node in model.Graph.AllNodes())
        {
            foreach (var output in node.Outputs)
            {
                Declare(output);
            }

            if (node.IsDefaultDomain)
            {
                InferType(node);
                InferRank(node);
            }
        }
    }

    /// <summary>Constant data of a value: a non-input initializer or a Constant node's output; null otherwise.</summary>
    public static Tensor? Constant(Value? value) => ConstantValues.TryGet(value);

    /// <summary>The tensor a Constant node produces, for the value attributes that describe a plain tensor.</summary>
    public static Tensor? ConstantNodeValue(Node constant) => ConstantNode.Value(constant, stringShorthands: false);

    public DataType ElementType(Value value) => _types.GetValueOrDefault(value, DataType.Undefined);

    public int? Rank(Value value) => _ranks.TryGetValue(value, out int rank) ? rank : null;

    private void Declare(Value value)
    {
        if (value.ElementType != DataType.Undefined)
        {
            _types[value] = value.ElementType;
        }

        if (value.Shape is { } shape)
        {
            _ranks[value] = shape.Rank;
        }
        else if (value.ConstValue is { } tensor)
        {
            _ranks[value] = tensor.Rank;
        }
    }

    /// <summary>Types from the op-rule table; ops without a row stay unknown rather than guessed.</summary>
    private void InferType(Node node)
    {
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            var value = node.Outputs[i];
            if (value.Name.Length == 0 || _types.ContainsKey(value))
            {
                continue;
            }

            var type = OpRuleTable.KnownElementTypeOf(node, i, TypeOf);
            if (type != DataType.Undefined)
            {
                _types[value] = type;
            }
        }
    }

    private DataType TypeOf(Value? value) => value is null ? DataType.Undefined : ElementType(value);

    private void InferRank(Node node)
    {
        int? rank = node.OpType switch
        {
            "Transpose" => node.GetInts("perm")?.Count ?? RankOf(node.Input(0)),
            "Reshape" => Constant(node.Input(1)) is { Rank: 1 } shape ? (int)shape.ElementCount : null,
            "Flatten" => 2,
            "Shape" => 1,
            "Size" => 0,
            "Unsqueeze" => RankOf(node.Input(0)) + AxesCount(node),
            "Squeeze" => AxesCount(node) is { } count ? RankOf(node.Input(0)) - count : null,
            "Constant" => ConstantNodeValue(node)?.Rank,
            "ConstantOfShape" => Constant(node.Input(0)) is { Rank: 1 } shape ? (int)shape.ElementCount : null,
            "Concat" => node.Inputs.Select(RankOf).FirstOrDefault(r => r is not null),
            "MatMul" => RankOf(node.Input(0)) is { } a && RankOf(node.Input(1)) is { } b && a >= 2 && b >= 2 ? Math.Max(a, b) : null,
            "Gather" => RankOf(node.Input(0)) + RankOf(node.Input(1)) - 1,
            "ArgMax" or "ArgMin" or "ReduceL1" or "ReduceL2" or "ReduceLogSum" or "ReduceLogSumExp" or "ReduceMax" or "ReduceMean"
                or "ReduceMin" or "ReduceProd" or "ReduceSum" or "ReduceSumSquare" => node.GetInt("keepdims", 1) == 1 ? RankOf(node.Input(0)) : null,
            _ when Broadcasting.Contains(node.OpType) => node.Inputs.Select(RankOf).ToList() is var ranks && ranks.All(r => r is not null) && ranks.Count > 0 ? ranks.Max() : null,
            _ when SameRank.Contains(node.OpType) => RankOf(node.Input(0)),
            _ => null,
        };

        if (rank is not { } known)
        {
            return;
        }

        int outputs = node.OpType is "Split" or "TopK" ? node.Outputs.Count : 1;
        for (int i = 0; i < outputs && i < node.Outputs.Count; i++)
        {
            var value = node.Outputs[i];
            if (value.Name.Length > 0)
            {
                _ranks.TryAdd(value, known);
            }
        }
    }

    private int? RankOf(Value? value) => value is null ? null : Rank(value);

    private static int? AxesCount(Node node) =>
        node.GetInts("axes")?.Count ?? (Constant(node.Input(1)) is { } axes ? (int)axes.ElementCount : null);
}
