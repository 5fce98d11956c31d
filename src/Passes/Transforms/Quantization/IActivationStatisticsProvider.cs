using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Runs a float model on calibration data and returns running statistics of chosen activations. Quantization passes
/// receive it through <see cref="Infrastructure.PassContext.ActivationStatistics"/>; implementations live in backends
/// (ONNX Runtime), so the pass library depends on none of them.
/// </summary>
public interface IActivationStatisticsProvider
{
    /// <summary>
    /// Statistics of every float value named in <paramref name="valueNames"/>: minimum and maximum always, and a
    /// histogram of <paramref name="histogramBins"/> bins over [min, max] when that is above zero.
    /// </summary>
    CalibrationStatistics Collect(Model model, IReadOnlyList<string> valueNames, int histogramBins, CancellationToken cancellation);

    /// <summary>
    /// Runs <paramref name="model"/> on (up to <paramref name="samples"/>) calibration inputs and returns its graph
    /// outputs per sample, flattened, in graph output order: used to rank layers by quantization sensitivity.
    /// </summary>
    IReadOnlyList<float[]> RunOutputs(Model model, int samples, CancellationToken cancellation);
}

/// <summary>What calibration measured: statistics by value name, and the samples they came from.</summary>
public sealed record CalibrationStatistics(IReadOnlyDictionary<string, TensorStatistics> Values, int SampleCount, string Source);
