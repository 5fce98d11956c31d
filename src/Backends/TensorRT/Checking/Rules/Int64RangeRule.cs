using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>
/// Before TensorRT 9 the parser casts INT64 down to INT32, clamping values to ±INT_MAX. A clamped Slice bound
/// still means "to the end", so that is harmless; any other INT64 constant outside the INT32 range changes the
/// result. INT64 network inputs and outputs become INT32 bindings.
/// </summary>
public sealed class Int64RangeRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        if (!context.Parser.CastDown.ContainsKey(DataType.Int64))
        {
            return;
        }

        foreach (var node in context.Nodes)
        {
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                if (ParserWeights.TryGet(node.Inputs[i]) is not { DataType: DataType.Int64 } tensor || Overflow(tensor) is not long value)
                {
                    continue;
                }

                if (node.Is("Slice") && i is 1 or 2)
                {
                    context.Report(node, CheckSeverity.Info, "int64-clamped", $"Slice bound {value} is clamped to INT32; as a slice bound it still means the end of the axis");
                }
                else
                {
                    context.Report(node, CheckSeverity.Unsupported, "int64-overflow",
                        $"input {i} holds INT64 value {value}, outside INT32; {context.Parser.Name} clamps it to ±2147483647, which changes the result",
                        context.FoldFix(node.Inputs, "folding computes the INT64 arithmetic ahead of time, so no INT64 constant reaches TensorRT")
                        ?? new SuggestedFix(null, "the node also reads run-time data, so folding cannot remove the constant; keep INT64 values within INT32 or target TensorRT 10 or later"));
                }
            }
        }

        foreach (var value in context.Model.Graph.Inputs.Where(v => !v.IsInitializer).Concat(context.Model.Graph.Outputs))
        {
            if (value.ElementType == DataType.Int64)
            {
                context.ReportValue(value, CheckSeverity.Warning, "int64-binding", $"INT64 graph {(value.IsGraphInput ? "input" : "output")} is bound as INT32 by TensorRT {context.Target.TensorRtText}");
            }
        }
    }

    private static long? Overflow(Tensor tensor)
    {
        foreach (long v in tensor.Span<long>())
        {
            if (v is > int.MaxValue or < int.MinValue)
            {
                return v;
            }
        }

        return null;
    }
}
