using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>
/// Element types at the places where the model states them: graph inputs and outputs, initializers, Constant
/// values and Cast targets. Types the parser lacks are unsupported; DOUBLE is cast down to FLOAT with a warning;
/// UINT8 is accepted only at the network's edges. INT64 is left to <see cref="Int64RangeRule"/>. Initializers
/// feeding only ops the parser lacks are skipped: those nodes are reported already.
/// </summary>
public sealed class DataTypeRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        var graph = context.Model.Graph;
        foreach (var value in graph.Inputs.Where(v => !v.IsInitializer).Concat(graph.Outputs))
        {
            if (Verdict(context, value.ElementType, edge: true) is { } problem)
            {
                context.ReportValue(value, problem.Severity, "data-type", $"{(value.IsGraphInput ? "input" : "output")} type {problem.Message}");
            }
        }

        // An initializer used only by nodes the parser cannot import at all is reported with those nodes, and a
        // Q/DQ zero point by QuantizationRule (a UINT8 one is also non-symmetric, which is the fix to make).
        foreach (var value in graph.Initializers.Where(v => v.Uses.Any(u => u.Node.IsDefaultDomain && context.Parser.Supports(u.Node.OpType)) && !IsZeroPointOnly(v)))
        {
            if (Verdict(context, value.ElementType, edge: false) is { } problem)
            {
                context.ReportValue(value, problem.Severity, "data-type", $"initializer type {problem.Message}");
            }
        }

        foreach (var node in context.Nodes)
        {
            var type = node.Is("Cast") ? (DataType)node.GetInt("to", 0)
                : node.Is("Constant") ? ParserWeights.TryGet(node.Output(0))?.DataType ?? DataType.Undefined
                : DataType.Undefined;
            if (type != DataType.Undefined && Verdict(context, type, edge: node.Outputs.Any(o => o.IsGraphOutput)) is { } problem)
            {
                context.Report(node, problem.Severity, "data-type", $"produces {problem.Message}");
            }
        }
    }

    private static bool IsZeroPointOnly(Value value) =>
        value.Uses.Count > 0 && value.Uses.All(u => u.InputIndex == 2 && (u.Node.Is("QuantizeLinear") || u.Node.Is("DequantizeLinear")));

    private static (CheckSeverity Severity, string Message)? Verdict(CheckContext context, DataType type, bool edge)
    {
        var parser = context.Parser;
        if (type == DataType.Undefined || type == DataType.Int64 || parser.NativeTypes.Contains(type))
        {
            return null;
        }

        if (parser.CastDown.TryGetValue(type, out var to))
        {
            return (CheckSeverity.Warning, $"{type.OnnxName()} is cast down to {to.OnnxName()} by {parser.Name}");
        }

        if (parser.InputOutputOnlyTypes.Contains(type))
        {
            return edge ? null : (CheckSeverity.Unsupported, $"{type.OnnxName()} is allowed only for network inputs and outputs by {parser.Name}");
        }

        return (CheckSeverity.Unsupported, $"{type.OnnxName()} is not supported by {parser.Name}");
    }
}
