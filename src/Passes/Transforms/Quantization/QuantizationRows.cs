using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>quantize-int8's "calibration" row: where the calibration data came from, how many samples, which calibrator.</summary>
public sealed record CalibrationRow(string Source, long Samples, string Calibrator) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
        [StatisticsCell.Of("source", Source), StatisticsCell.Of("samples", Samples), StatisticsCell.Of("calibrator", Calibrator)];
}

/// <summary>quantize-int8's "kept-float" row: a layer left in float, and why.</summary>
public sealed record KeptFloatRow(string Node, string Op, string Reason) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
        [StatisticsCell.Of("node", Node), StatisticsCell.Of("op", Op), StatisticsCell.Of("reason", Reason)];
}

/// <summary>quantize-int8's "scales" row: one quantized activation's scale and zero point.</summary>
public sealed record ScaleRow(string Value, double Scale, long ZeroPoint) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
        [StatisticsCell.Of("value", Value), StatisticsCell.Of("scale", Scale), StatisticsCell.Of("zero-point", ZeroPoint)];
}

/// <summary>quantize-int8's "sensitivity" row (keep-float ranking): the output error with only this layer quantized.</summary>
public sealed record SensitivityRow(string Node, double RelativeError, bool KeptFloat) : IStatisticsRow
{
    public IReadOnlyList<StatisticsCell> ToCells() =>
        [StatisticsCell.Of("node", Node), StatisticsCell.Of("relative-error", RelativeError), StatisticsCell.Of("kept-float", KeptFloat)];
}
