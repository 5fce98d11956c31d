
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// Works out element types the model does not declare (exports rarely carry value_info), from the few rules
/// the checks need: constants, Cast targets, shape ops producing INT64, comparisons producing BOOL, and ops
/// that keep their first input's type.
/// </summary>
public sealed class ElementTypeResolver
{
    private static readonly HashSet<string> Int64Producers = new(StringComparer.Ordinal) { "Shape", "Size", "NonZero", "ArgMax", "ArgMin" };

    private static readonly HashSet<string> BoolProducers = new(StringComparer.Ordinal)
    {
        "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
    };

    private readonly Dictionary<Value, DataType> _known = [];

    public DataType Resolve(Value? value)
    {
        if (value is null)
        {
            return DataType.Undefined;
        }

        if (_known.TryGetValue(value, out var known))
        {
            return known;
        }

        // Mark first so that a cycle through a malformed graph ends instead of recursing forever.
        _known[value] = value.ElementType;
        var type = value.ElementType != DataType.Undefined ? value.ElementType : Infer(value);
        _known[value] = type;
        return type;
    }

    private DataType Infer(Value value)
    {
        if (ConstantValues.TryGet(value) is { } constant)
        {
            return constant.DataType;
        }

        var node = value.Producer;
        if (node is null || !node.IsDefaultDomain)
        {
            return DataType.Undefined;
        }

        if (node.OpType == "Cast")
        {
            return (DataType)node.GetInt("to", 0);
        }

        if (node.OpType == "ConstantOfShape")
        {
            return node.FindAttribute("value")?.RawValue is Tensor t ? t.DataType : DataType.Float;
        }

        if (Int64Producers.Contains(node.OpType) || (node.OpType == "TopK" && value.ProducerOutputIndex == 1))
        {
            return DataType.Int64;
        }

        if (BoolProducers.Contains(node.OpType))
        {
            return DataType.Bool;
        }

        // Where's type comes from its branches; every other op here keeps its first input's type.
        return Resolve(node.OpType == "Where" ? node.Input(1) : node.Input(0));
    }
}
