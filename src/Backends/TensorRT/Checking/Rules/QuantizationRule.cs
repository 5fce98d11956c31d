namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>TensorRT quantizes symmetrically: QuantizeLinear/DequantizeLinear zero points must be constant zeros.</summary>
public sealed class QuantizationRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        foreach (var node in context.Nodes)
        {
            if (!(node.Is("QuantizeLinear") || node.Is("DequantizeLinear")))
            {
                continue;
            }

            var zeroPoint = node.Input(2);
            if (zeroPoint is null)
            {
                continue;
            }

            var tensor = ParserWeights.TryGet(zeroPoint);
            bool allZero = tensor is not null && tensor.ToDoubleArray().All(v => v == 0);
            if (!allZero)
            {
                context.Report(node, CheckSeverity.Unsupported, "zero-point",
                    tensor is null ? "the zero point is computed at run time; TensorRT needs a constant zero" : "the zero point is not zero; TensorRT quantizes symmetrically",
                    new SuggestedFix($"{FixPipelines.Dequantize},{FixPipelines.QuantizeTensorRt}", "re-quantize symmetrically (zero point 0) from the float model, with --calibration-data"));
            }
        }
    }
}
