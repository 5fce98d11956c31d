using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.OpRules;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// Works out element types the model does not declare (exports rarely carry value_info): constants, then the
/// producer's row in the op-rule table (<see cref="OpRuleTable"/>), resolving its inputs on demand. Ops of other
/// domains stay Undefined: the parser imports them as plugins, whose types the checks must not guess.
/// </summary>
public sealed class ElementTypeResolver
{
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
        if (ParserWeights.TryGet(value) is { } constant)
        {
            return constant.DataType;
        }

        return value.Producer is { IsDefaultDomain: true } node ? OpRuleTable.ElementTypeOf(node, value.ProducerOutputIndex, Resolve) : DataType.Undefined;
    }
}
