using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// Whether a model can be declared with an older IR version: only when it uses nothing that version lacks. The IR
/// features that matter here are element types: float8 came with IR 9, 4-bit integers with IR 10, float4 with IR 11.
/// </summary>
internal static class IrEra
{
    public static bool CanLower(Model model, long irVersion)
    {
        foreach (var graph in model.Graph.AllGraphs())
        {
            foreach (var value in graph.Inputs.Concat(graph.Initializers).Concat(graph.Nodes.SelectMany(n => n.Outputs)))
            {
                if (IrVersionOf(value.ElementType) > irVersion || (value.ConstValue is { } tensor && IrVersionOf(tensor.DataType) > irVersion))
                {
                    return false;
                }
            }

            if (graph.Nodes.Any(n => n.Overload is not null))
            {
                return false;
            }
        }

        return true;
    }

    // ONNX TensorProto.DataType numbers: 17-20 float8 (IR 9), 21-22 uint4/int4 (IR 10), 23 float4e2m1 (IR 11).
    private static long IrVersionOf(DataType type) => (int)type switch
    {
        >= 17 and <= 20 => 9,
        21 or 22 => 10,
        >= 23 => 11,
        _ => 3,
    };
}
