using OnnxOpt.Backends.OnnxRuntime.Images;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// The one place calibration turns an image file into a model input (Ultralytics letterbox, RGB 0..1, [1,3,H,W]).
/// Kept behind this adapter so the preprocessing can move to the evaluation library without touching callers.
/// </summary>
internal static class CalibrationImages
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp"];

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static Tensor Load(string path, int width, int height) => Letterbox.FromFile(path, width, height).Tensor;
}
