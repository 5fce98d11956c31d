using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// <c>optimize --target T</c>: TensorRT's ONNX parser refuses opsets newer than it knows (opset 13 on the
/// Nano's TensorRT 8.2), so the pipeline gets a trailing <c>convert-opset</c> to the target's newest opset.
/// </summary>
public static class OptimizeTarget
{
    /// <summary>The pipeline text, with <c>convert-opset{version=N}</c> appended when the model's opset is above N.</summary>
    public static string Append(CliContext context, string pipeline, TargetProfile target, Model model)
    {
        long? opset = model.GetOpset();
        int max = target.Parser.MaxOpset;
        if (opset is null || opset <= max)
        {
            return pipeline;
        }

        string conversion = FixPipelines.ConvertOpset(max);
        context.Error.WriteLine($"note: {target.Name}'s parser imports opsets up to {max} and the model is opset {opset}: appending {conversion}");
        return $"{pipeline},{conversion}";
    }
}
