using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Quantization;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// Collects calibration statistics in ONNX Runtime: one streamed pass over the samples for minimum and maximum and,
/// when a calibrator needs a histogram, a second pass that bins every value over that range. Memory holds one
/// sample's activations plus one histogram per observed value.
/// </summary>
public sealed class OrtActivationStatisticsProvider : IActivationStatisticsProvider
{
    private readonly Func<Model, CalibrationSet> _open;
    private readonly OrtRunOptions _options;

    /// <param name="open">Opens the calibration data for a model (the input size comes from the model).</param>
    /// <param name="options">ONNX Runtime session settings for the calibration runs; null: the defaults.</param>
    public OrtActivationStatisticsProvider(Func<Model, CalibrationSet> open, OrtRunOptions? options = null)
    {
        _open = open;
        _options = options ?? OrtRunOptions.Default;
    }

    /// <summary>Calibration data from a folder or file: at most <paramref name="limit"/> files (0: all), picked with <paramref name="seed"/>.</summary>
    public static OrtActivationStatisticsProvider FromPath(string path, int limit = 0, int seed = 0, CalibrationImageLoader? images = null, OrtRunOptions? options = null) =>
        new(
            model =>
            {
                var source = CalibrationDataSource.Open(path, CalibrationInput.FromModel(model), limit, seed, images);
                return new CalibrationSet(source.Samples, $"{source.Count} of {source.Available} files in '{path}'");
            },
            options);

    /// <summary>Calibration data already in memory (tests, callers that generate inputs).</summary>
    public static OrtActivationStatisticsProvider FromSamples(IReadOnlyList<CalibrationSample> samples, OrtRunOptions? options = null) =>
        new(_ => new CalibrationSet(() => samples, $"{samples.Count} in-memory samples"), options);

    public CalibrationStatistics Collect(Model model, IReadOnlyList<string> valueNames, int histogramBins, CancellationToken cancellation)
    {
        var source = _open(model);
        var statistics = valueNames.Distinct().ToDictionary(n => n, _ => new TensorStatistics());
        using var runner = new ActivationRunner(model, [.. statistics.Keys], _options);
        int samples = runner.Run(source.Samples(), (name, _, values) => statistics[name].ObserveRange(values), cancellation);
        if (histogramBins > 0)
        {
            foreach (var s in statistics.Values)
            {
                s.StartHistogram(histogramBins);
            }

            runner.Run(source.Samples(), (name, _, values) => statistics[name].ObserveHistogram(values), cancellation);
        }

        return new CalibrationStatistics(statistics, samples, source.Description);
    }

    public IReadOnlyList<float[]> RunOutputs(Model model, int samples, CancellationToken cancellation)
    {
        var source = _open(model);
        var outputs = model.Graph.Outputs.Select(o => o.Name).ToList();
        using var runner = new ActivationRunner(model, outputs, _options);
        var results = new List<float[]>();
        var current = new List<float>();
        foreach (var sample in source.Samples().Take(samples))
        {
            cancellation.ThrowIfCancellationRequested();
            current.Clear();
            runner.RunOne(sample, (_, _, values) => current.AddRange(values));
            results.Add([.. current]);
        }

        return results;
    }
}
