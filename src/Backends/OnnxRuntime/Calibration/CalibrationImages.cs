using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// Turns an image file into the model input [1,3,H,W]. The preprocessing (Ultralytics letterbox) lives in
/// OnnxOpt.Evaluation, which builds on this assembly, so callers hand it in (the CLI passes ImagePreprocessor's).
/// </summary>
public delegate Tensor CalibrationImageLoader(string path, int width, int height);

/// <summary>Which files are images.</summary>
internal static class CalibrationImages
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());
}
