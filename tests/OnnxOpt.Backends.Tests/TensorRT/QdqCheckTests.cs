using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Quantization;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>`check` on Q/DQ models from quantize-int8: one grouped line per op type, the right fix per target.</summary>
public sealed class QdqCheckTests
{
    internal static Model Quantized(QuantTarget target)
    {
        var model = TestModels.ConvRelu();
        var generator = new InputGenerator { Seed = 3, Min = -1 }; // signed inputs: every UINT8 zero point is non-zero
        var samples = Enumerable.Range(0, 3).Select(i => new CalibrationSample($"s{i}", generator.Generate(model, i))).ToList();
        var context = new PassContext { ActivationStatistics = OrtActivationStatisticsProvider.FromSamples(samples) };
        new QuantizeInt8(new QuantizeInt8Options { Target = target }).Run(model, context);
        return model;
    }

    [Fact]
    public void An_onnx_runtime_qdq_model_gets_one_line_per_op_type_and_the_requantize_fix()
    {
        var report = CompatibilityChecker.Check(Quantized(QuantTarget.Ort), TargetProfiles.TensorRt10, new CheckOptions { Precision = Precision.Int8 });
        var lines = CheckReportWriter.ToText(report).Split('\n');

        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "data-type");
        var quantizeLines = lines.Where(l => l.Contains("QuantizeLinear nodes", StringComparison.Ordinal) && !l.Contains("Dequantize", StringComparison.Ordinal)).ToList();
        Assert.Single(quantizeLines);
        Assert.StartsWith("unsupported: 2 QuantizeLinear nodes (e.g. '", quantizeLines[0], StringComparison.Ordinal);
        Assert.Contains("[fix: dequantize,quantize-int8{target=tensorrt}", quantizeLines[0], StringComparison.Ordinal);
        Assert.Equal(2, report.Diagnostics.Count(d => d.OpType == "QuantizeLinear"));
        Assert.Equal(report.Diagnostics.Count(d => d.OpType == "QuantizeLinear"), CheckReportWriter.ToText(report, verbose: true).Split('\n').Count(l => l.Contains("(QuantizeLinear)", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_tensorrt_qdq_model_passes_the_int8_check_on_strongly_typed_tensorrt()
    {
        var report = CompatibilityChecker.Check(Quantized(QuantTarget.TensorRt), TargetProfiles.TensorRt11, new CheckOptions { Precision = Precision.Int8 });
        Assert.True(report.IsSupported, CheckReportWriter.ToText(report));
        Assert.DoesNotContain(report.Diagnostics, d => d.Code is "zero-point" or "strongly-typed");
    }
}
