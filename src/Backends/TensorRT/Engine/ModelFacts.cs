using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// What the engine drivers need to know about a model: its float precision (by weight count), whether it
/// carries Q/DQ nodes, its 2:4 sparsity, and which inputs have dynamic dims.
/// </summary>
public sealed record ModelFacts(DataType FloatType, bool HasQdq, StructuredSparsityReport Sparsity, IReadOnlyList<string> DynamicInputs)
{
    public static ModelFacts Inspect(Model model, bool sparsity = true)
    {
        long float32 = 0, float16 = 0;
        foreach (var value in model.Graph.Initializers)
        {
            var tensor = value.ConstValue!;
            if (tensor.DataType == DataType.Float)
            {
                float32 += tensor.ElementCount;
            }
            else if (tensor.DataType == DataType.Float16)
            {
                float16 += tensor.ElementCount;
            }
        }

        // A model without float weights is judged by its float inputs. A float32 input read only through Casts to
        // float16 is what convert-fp16 leaves when it keeps the I/O types: the network computes in float16.
        if (float32 == 0 && float16 == 0)
        {
            foreach (var input in model.Graph.Inputs.Where(v => !v.IsInitializer))
            {
                bool castToHalf = input.Uses.Count > 0 && input.Uses.All(u => u.Node.Is("Cast") && u.Node.GetInt("to", 0) == (long)DataType.Float16);
                float32 += input.ElementType == DataType.Float && !castToHalf ? 1 : 0;
                float16 += input.ElementType == DataType.Float16 || (input.ElementType == DataType.Float && castToHalf) ? 1 : 0;
            }
        }

        var floatType = float32 == 0 && float16 == 0 ? DataType.Undefined : float16 > float32 ? DataType.Float16 : DataType.Float;
        bool hasQdq = model.Graph.AllNodes().Any(n => n.Is("QuantizeLinear") || n.Is("DequantizeLinear"));
        var dynamicInputs = model.Graph.Inputs.Where(v => !v.IsInitializer && v.Shape is not { IsStatic: true }).Select(v => v.Name).ToList();
        return new ModelFacts(floatType, hasQdq, sparsity ? StructuredSparsity.Analyze(model) : StructuredSparsityReport.None, dynamicInputs);
    }
}
