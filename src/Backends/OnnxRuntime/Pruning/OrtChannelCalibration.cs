using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Pruning.Channels;

namespace OnnxOpt.Backends.OnnxRuntime.Pruning;

/// <summary>
/// Calibration for `prune-channels` (activation criterion, least-squares reconstruction) in ONNX Runtime: each
/// session is an <see cref="ActivationRunner"/>, and sample i is the i-th file of a <see cref="CalibrationDataSource"/>
/// (at most <c>limit</c> files, a seeded choice when the folder holds more), loaded when it is run, so memory holds
/// one input and one run's activations at a time. The source opens with the first session, because the input name
/// and size come from the model being pruned. Images go through <paramref name="images"/> (the CLI passes the
/// evaluation library's Ultralytics letterbox).
/// </summary>
public sealed class OrtChannelCalibration(string path, int limit, int seed = 0, CalibrationImageLoader? images = null, OrtRunOptions? options = null) : IChannelCalibration
{
    private CalibrationDataSource? _source;

    public int SampleCount => _source?.Count ?? throw new InvalidOperationException("open a calibration session before asking for the sample count");

    public IActivationSession Open(Model model, IReadOnlyList<string> valueNames)
    {
        _source ??= CalibrationDataSource.Open(path, CalibrationInput.FromModel(model), limit, seed, images);
        if (_source.Count == 0)
        {
            throw new InvalidOperationException($"no calibration images or tensors in '{path}'");
        }

        return new Session(new ActivationRunner(model, valueNames, options), _source, images);
    }

    private sealed class Session(ActivationRunner runner, CalibrationDataSource source, CalibrationImageLoader? images) : IActivationSession
    {
        public void Run(int sample, ActivationCallback observe)
        {
            var one = CalibrationDataSource.Open(source.Files[sample], source.Input, images: images);
            runner.RunOne(one.Samples().First(), (name, dims, values) => observe(name, dims, values));
        }

        public void Dispose() => runner.Dispose();
    }
}
