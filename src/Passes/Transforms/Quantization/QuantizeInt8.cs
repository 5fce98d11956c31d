using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Opset;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// `quantize-int8`: static post-training INT8 quantization in the QDQ format. Runs the float model on calibration
/// data (through <see cref="PassContext.ActivationStatistics"/>), picks each activation's range with the chosen
/// calibrator, and inserts QuantizeLinear/DequantizeLinear pairs so ONNX Runtime (QLinearConv, QLinearAdd, ...) or
/// TensorRT (explicit-precision INT8) run the quantized ops on 8-bit integers.
/// Placement: inputs and weights of Conv, ConvTranspose, MatMul, Gemm; residual Add; for target=ort also Mul,
/// Sigmoid, LeakyRelu, pooling and every quantized op's output, which ONNX Runtime needs to fuse a node group;
/// data-movement ops (MaxPool, Resize, Reshape, Transpose, Slice, Split, Flatten, Squeeze, Unsqueeze) and Concat
/// share one scale between their inputs and outputs. Weights are symmetric INT8 per output channel (or per tensor),
/// Conv/ConvTranspose/Gemm biases INT32 at input scale * weight scale. Everything after an op that leaves the 4-D
/// feature maps (a detection head's decoding: DFL, box arithmetic, the final Sigmoid/Concat), and the layers that
/// feed it directly, stays float. Models below opset 13 are converted to 13 first (per-channel DequantizeLinear).
/// Safe: not exact. Outputs change by the quantization error; accuracy is measured on the calibration data.
/// Options: target, calibrator, percentile, per-channel, include, exclude, keep-float (see <see cref="QuantizeInt8Options"/>).
/// </summary>
public sealed class QuantizeInt8(QuantizeInt8Options? options = null) : Pass<QuantizeInt8Options>(options)
{
    /// <summary>Ops a quantized model carries; their presence means the model is quantized already.</summary>
    internal static readonly HashSet<string> QuantizedOps =
        ["QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "ConvInteger", "MatMulInteger", "QLinearConv", "QLinearMatMul"];

    public override string Name => "quantize-int8";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Measurement("calibration-samples", "Calibration samples the activation ranges come from."),
        StatisticInfo.Measurement("nodes-quantized", "Nodes placed between Q/DQ pairs."),
        StatisticInfo.Measurement("layers-quantized", "Conv, ConvTranspose, MatMul and Gemm nodes quantized."),
        StatisticInfo.Measurement("layers-kept-float", "Compute layers kept in float (detection head, exclude, keep-float)."),
        StatisticInfo.Measurement("activations-quantized", "Activation tensors given a scale and zero point."),
        StatisticInfo.Table("calibration", "Calibration source, samples and calibrator."),
        StatisticInfo.Table("kept-float", "Each layer kept in float, and why."),
        StatisticInfo.Table("scales", "Each quantized activation's scale and zero point."),
        StatisticInfo.Table("sensitivity", "keep-float's ranking: output error with only that layer quantized."),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var provider = context.ActivationStatistics
            ?? throw new QuantizationException("quantize-int8 needs calibration data: pass --calibration-data PATH (a folder of images, .npy or .pb tensors)");
        if (model.Graph.Nodes.FirstOrDefault(n => QuantizedOps.Contains(n.OpType)) is { } quantized)
        {
            throw new QuantizationException($"the model is quantized already ({quantized.OpType} '{quantized.Name}'); run `dequantize` first");
        }

        if (!context.TryRewrite("quantize the model to INT8"))
        {
            return PassResult.Unchanged;
        }

        ConvertToOpset13(model, context);
        var plan = QuantizationPlanner.Plan(model, TypedOptions, new HashSet<Node>());
        if (plan.Nodes.Count == 0)
        {
            context.Warn("no quantizable ops found; the model is unchanged");
            return PassResult.Unchanged;
        }

        var parameters = Calibrate(model, plan, provider, context);
        if (TypedOptions.KeepFloat > 0)
        {
            // Keeping layers float only removes Q/DQ pairs, so the ranges calibrated for the full plan still hold.
            var forced = SensitivityScan.MostSensitive(model, this, plan, parameters, provider, TypedOptions.KeepFloat, context);
            plan = QuantizationPlanner.Plan(model, TypedOptions, forced);
        }

        Apply(model.Graph, plan, parameters);
        Report(plan, parameters, context);
        return PassResult.Modified;
    }

    /// <summary>Inserts the planned Q/DQ pairs and quantized weights (calibration already done).</summary>
    internal void Apply(OnnxGraph graph, QuantizationPlan plan, IReadOnlyDictionary<string, QuantParameters> parameters)
    {
        var rewriter = new QdqRewriter(graph);
        foreach (var value in plan.Activations)
        {
            rewriter.QuantizeActivation(value, parameters[value.Name]);
        }

        foreach (var node in plan.Nodes.Where(n => QdqOpRules.Compute.Contains(n.OpType)))
        {
            if (node.Input(1) is not { IsInitializer: true } weight || weight.ConstValue!.DataType != DataType.Float)
            {
                continue;
            }

            int? axis = TypedOptions.PerChannel ? QdqOpRules.WeightChannelAxis(node, weight.ConstValue) : null;
            var weightScales = rewriter.QuantizeWeight(node, 1, axis);
            bool hasBias = node.OpType is "Conv" or "ConvTranspose" or "Gemm" && node.Input(2) is { IsInitializer: true } bias
                && bias.ConstValue!.DataType == DataType.Float && bias.ConstValue.Rank == 1;
            // ONNX Runtime's QLinearConv takes an INT32 bias; TensorRT keeps biases float.
            var input = node.Input(0)?.Producer;
            if (hasBias && TypedOptions.Target == QuantTarget.Ort && input is { OpType: "DequantizeLinear" } && input.Input(1)?.ConstValue is { } inputScale)
            {
                rewriter.QuantizeBias(node, inputScale.ToArray<float>()[0], weightScales, axis);
            }
        }
    }

    internal Dictionary<string, QuantParameters> Calibrate(Model model, QuantizationPlan plan, IActivationStatisticsProvider provider, PassContext context)
    {
        var method = TypedOptions.Calibrator;
        var names = plan.Activations.Select(v => v.Name).ToList();
        var statistics = provider.Collect(model, names, Calibrators.NeedsHistogram(method) ? Calibrators.HistogramBins : 0, context.Cancellation);
        bool symmetric = TypedOptions.Target == QuantTarget.TensorRt;
        var ranges = new Dictionary<Value, ActivationRange>();
        foreach (var value in plan.Activations)
        {
            var range = Calibrators.Range(statistics.Values[value.Name], method, symmetric, TypedOptions.Percentile);
            var root = plan.Root(value);
            ranges[root] = ranges.TryGetValue(root, out var existing) ? existing.Union(range) : range;
        }

        context.Statistics.Set("calibration-samples", statistics.SampleCount);
        context.Statistics.AddRow("calibration", new CalibrationRow(statistics.Source, statistics.SampleCount, method.ToString()));
        var type = symmetric ? QuantType.Int8 : QuantType.UInt8;
        return plan.Activations.ToDictionary(v => v.Name, v => QuantParameters.FromRange(ranges[plan.Root(v)], type));
    }

    private static void ConvertToOpset13(Model model, PassContext context)
    {
        long opset = model.GetOpset() ?? 13;
        if (opset >= 13)
        {
            return;
        }

        OpsetConversion.Convert(model, 13);
        context.Warn($"the model was converted from opset {opset} to 13: per-channel DequantizeLinear needs opset 13");
    }

    private static void Report(QuantizationPlan plan, Dictionary<string, QuantParameters> parameters, PassContext context)
    {
        var statistics = context.Statistics;
        statistics.Set("nodes-quantized", plan.Nodes.Count);
        statistics.Set("layers-quantized", plan.Nodes.Count(n => QdqOpRules.Compute.Contains(n.OpType)));
        statistics.Set("layers-kept-float", plan.KeptFloat.Count);
        statistics.Set("activations-quantized", plan.Activations.Count);
        foreach (var (node, reason) in plan.KeptFloat)
        {
            statistics.AddRow("kept-float", new KeptFloatRow(node.Name, node.OpType, reason));
        }

        foreach (var value in plan.Activations)
        {
            var p = parameters[value.Name];
            statistics.AddRow("scales", new ScaleRow(value.Name, p.Scale, p.ZeroPoint));
        }
    }
}
