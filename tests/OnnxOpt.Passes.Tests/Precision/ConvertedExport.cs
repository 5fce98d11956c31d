using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Tests.Precision;

/// <summary>A float32 export, its float16 conversion and the pipeline report of the conversion.</summary>
public sealed record ConvertedExport(Model Original, Model Converted, PipelineRunReport Report)
{
    /// <summary>Input width and height of the export (the dynamic one gets the sizes the test asks for).</summary>
    public (int Width, int Height)? StaticSize =>
        Original.Graph.Inputs[0].Shape is { IsStatic: true } s ? ((int)s[3].Value!.Value, (int)s[2].Value!.Value) : null;

    /// <summary>Bytes of float32 and float16 constant data (initializers and Constant tensors) in a model.</summary>
    public static long FloatWeightBytes(Model model) =>
        model.Graph.AllGraphs().SelectMany(g => g.Initializers).Select(i => i.ConstValue!)
            .Concat(model.Graph.AllNodes().Where(n => n.Is("Constant")).Select(n => n.FindAttribute("value")?.AsTensor()).OfType<Tensor>())
            .Where(t => t.DataType is DataType.Float or DataType.Float16)
            .Sum(t => t.ByteLength);
}
