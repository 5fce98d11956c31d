using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>Options of <see cref="QuantizeInt8"/>.</summary>
public sealed record QuantizeInt8Options : PassOptions
{
    [PassOption("target", "ort: UINT8 asymmetric activations for ONNX Runtime's QLinear kernels; tensorrt: INT8 symmetric activations, zero point 0")]
    public QuantTarget Target { get; init; } = QuantTarget.Ort;

    [PassOption("calibrator", "how activation ranges are chosen from the calibration statistics")]
    public CalibrationMethod Calibrator { get; init; } = CalibrationMethod.MinMax;

    [PassOption("percentile", "the percentile kept by calibrator=percentile (0 < p <= 100)")]
    public double Percentile { get; init; } = 99.99;

    [PassOption("per-channel", "one weight scale per output channel (true) or one per weight tensor (false)")]
    public bool PerChannel { get; init; } = true;

    [PassOption("include", ".NET regular expression; only nodes whose name matches are quantized (empty: all)")]
    public string Include { get; init; } = string.Empty;

    [PassOption("exclude", ".NET regular expression; nodes whose name matches stay float (empty: none)")]
    public string Exclude { get; init; } = string.Empty;

    [PassOption("keep-float", "keep the N Conv/MatMul/Gemm layers most sensitive to quantization in float (sensitivity scan on the calibration data)")]
    public int KeepFloat { get; init; }

    public override string? Validate()
    {
        if (Percentile is <= 0 or > 100 || double.IsNaN(Percentile))
        {
            return $"percentile must be above 0 and at most 100 (got {Percentile})";
        }

        if (KeepFloat < 0)
        {
            return $"keep-float must not be negative (got {KeepFloat})";
        }

        return Check("include", Include) ?? Check("exclude", Exclude);
    }

    private static string? Check(string option, string pattern)
    {
        if (pattern.Length == 0)
        {
            return null;
        }

        try
        {
            PruneConvL1Options.CreateRegex(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"{option} is not a valid regular expression '{pattern}': {e.Message}";
        }
    }
}
