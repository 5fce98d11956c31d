using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>Receives one float value of one calibration run; the span is valid only during the call.</summary>
public delegate void ActivationCallback(string valueName, ReadOnlySpan<long> dims, ReadOnlySpan<float> values);

/// <summary>
/// Calibration data for data-driven pruning, supplied by a backend (the ONNX Runtime one runs the model on
/// calibration images). Passes never depend on a backend: they open sessions through this interface and fold every
/// sample's activations into running statistics, so memory holds one sample's values at a time.
/// </summary>
public interface IChannelCalibration
{
    /// <summary>How many calibration samples there are; sample i is the same input in every session.</summary>
    int SampleCount { get; }

    /// <summary>Prepares to run <paramref name="model"/> (not modified) with <paramref name="valueNames"/> observable.</summary>
    IActivationSession Open(Model model, IReadOnlyList<string> valueNames);
}

/// <summary>A model ready to run calibration samples one at a time.</summary>
public interface IActivationSession : IDisposable
{
    /// <summary>Runs sample <paramref name="sample"/> and calls <paramref name="observe"/> once per observed value.</summary>
    void Run(int sample, ActivationCallback observe);
}
