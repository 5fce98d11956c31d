using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>One calibration input: the file it came from and the model inputs it fills, by input name.</summary>
public sealed record CalibrationSample(string Source, IReadOnlyDictionary<string, Tensor> Inputs);
