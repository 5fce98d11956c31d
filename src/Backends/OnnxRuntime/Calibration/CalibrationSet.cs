namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>Calibration samples (enumerated afresh on every call, so they can stream from disk) and where they come from.</summary>
public sealed record CalibrationSet(Func<IEnumerable<CalibrationSample>> Samples, string Description);
