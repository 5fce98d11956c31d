using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>
/// Precision facts of the target: TensorRT 11 is strongly typed, so FP16 needs a float16 model and INT8 needs
/// Q/DQ nodes; Maxwell (Jetson Nano) has no fast INT8, so INT8 gains nothing there.
/// </summary>
public sealed class PrecisionRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        if (context.Options.Precision is not Precision precision)
        {
            return;
        }

        var facts = ModelFacts.Inspect(context.Model, sparsity: false);
        var target = context.Target;
        if (target.StronglyTyped && precision == Precision.Fp16 && facts.FloatType == DataType.Float)
        {
            // convert-fp16 rewrites the scales of integer-quantized ops, which dequantize then no longer
            // recognises: such a model is dequantized first, in the same pipeline.
            bool integerQuantized = context.Nodes.Any(n => n.IsDefaultDomain && OperatorRule.IntegerQuantizedOps.Contains(n.OpType));
            context.ReportModel(CheckSeverity.Warning, "strongly-typed",
                $"TensorRT {target.TensorRtText} builds strongly typed networks: a float32 model gives an FP32 engine",
                integerQuantized
                    ? new SuggestedFix(FixPipelines.DequantizeThenFp16, "turn the integer ops back into float ops, then convert the model to float16 before building")
                    : new SuggestedFix(FixPipelines.ConvertFp16, "convert the model to float16 before building"));
        }

        if (target.StronglyTyped && precision == Precision.Int8 && !facts.HasQdq)
        {
            context.ReportModel(CheckSeverity.Unsupported, "strongly-typed",
                $"TensorRT {target.TensorRtText} has no --int8: INT8 comes only from QuantizeLinear/DequantizeLinear nodes, and the model has none",
                new SuggestedFix(FixPipelines.QuantizeTensorRt, "quantize the model with Q/DQ nodes before building (preset int8-tensorrt, with --calibration-data)"));
        }

        if (precision == Precision.Int8 && !target.FastInt8)
        {
            context.ReportModel(CheckSeverity.Warning, "no-fast-int8",
                $"{target.GpuArchitecture} has no fast INT8: an INT8 engine on {target.Name} runs no faster than FP16");
        }
    }
}
