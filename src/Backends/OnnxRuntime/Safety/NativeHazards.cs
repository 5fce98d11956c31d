using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime.Safety;

/// <summary>
/// Finds nodes that could kill the process inside ONNX Runtime instead of failing with an error. ONNX Runtime
/// divides integers with the CPU's divide instruction: a zero divisor, or the minimum int32/int64 divided by -1,
/// raises SIGFPE and the process dies with no message. Integer <c>Div</c> and <c>Mod</c> are safe to hand over only
/// when the divisor is a known constant free of zeros and, for signed 32/64-bit types, either free of -1 or paired
/// with a known constant dividend that holds no minimum value.
/// </summary>
/// <remarks>
/// Narrower integer types (int8, int16 and the unsigned types) are promoted before dividing, so only their zero
/// divisors trap. A divisor computed at run time cannot be checked in advance: such a node is reported as a hazard,
/// and callers either refuse it (constant folding) or run the model in a child process (<c>verify</c>).
/// </remarks>
public static class NativeHazards
{
    /// <summary>One line per hazardous node, in graph order (subgraphs included); empty when the model is safe to run.</summary>
    public static IReadOnlyList<string> Find(Model model)
    {
        var hazards = new List<string>();
        foreach (var graph in model.Graph.AllGraphs())
        {
            foreach (var node in graph.Nodes)
            {
                if (node.IsDefaultDomain && node.OpType is "Div" or "Mod" && Describe(node) is { } hazard)
                {
                    hazards.Add(hazard);
                }
            }
        }

        return hazards;
    }

    private static string? Describe(Node node)
    {
        if (node.Inputs.Count < 2 || node.Inputs[0] is not { } dividend || node.Inputs[1] is not { } divisor)
        {
            return null;
        }

        Tensor? top = ConstantOf(dividend), bottom = ConstantOf(divisor);
        DataType type = bottom?.DataType ?? top?.DataType ?? (divisor.ElementType != DataType.Undefined ? divisor.ElementType : dividend.ElementType);
        if (type.IsFloatingPoint() || type is DataType.Bool or DataType.String or DataType.BFloat16)
        {
            return null;
        }

        string name = node.Name.Length > 0 ? $"'{node.Name}'" : $"producing '{(node.Outputs.Count > 0 ? node.Outputs[0].Name : string.Empty)}'";
        if (bottom is null)
        {
            string known = type == DataType.Undefined ? "of unknown type" : $"of type {type.OnnxName()}";
            return $"{node.OpType} node {name} divides by a value {known} computed at run time (a zero divisor or MIN / -1 would crash ONNX Runtime)";
        }

        long[] divisors = bottom.ToInt64Array();
        if (Array.IndexOf(divisors, 0L) >= 0)
        {
            return $"{node.OpType} node {name} divides {type.OnnxName()} values by zero";
        }

        if (type is not (DataType.Int32 or DataType.Int64) || Array.IndexOf(divisors, -1L) < 0)
        {
            return null;
        }

        long min = type == DataType.Int32 ? int.MinValue : long.MinValue;
        if (top is null)
        {
            return $"{node.OpType} node {name} divides a {type.OnnxName()} value computed at run time by -1 (MIN / -1 would crash ONNX Runtime)";
        }

        return Array.IndexOf(top.ToInt64Array(), min) >= 0
            ? $"{node.OpType} node {name} divides the minimum {type.OnnxName()} by -1, which overflows"
            : null;
    }

    /// <summary>The value's tensor when it is an initializer or the output of a <c>Constant</c> node holding a tensor.</summary>
    private static Tensor? ConstantOf(Value value)
    {
        if (value.ConstValue is { } constant)
        {
            return constant;
        }

        return value.Producer is { OpType: "Constant", IsDefaultDomain: true } producer
            && producer.FindAttribute("value") is { } attribute && attribute.RawValue is Tensor tensor
            ? tensor
            : null;
    }
}
