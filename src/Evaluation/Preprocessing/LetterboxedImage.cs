using OnnxOpt.Graph.IR;

namespace OnnxOpt.Evaluation.Preprocessing;

/// <summary>
/// A preprocessed model input: RGB planes (CHW) of float32 values in 0..1, and the letterbox that placed the source
/// image in it. <see cref="Pixels"/> is owned by this object; <see cref="ToTensor"/> wraps it as [1,3,H,W].
/// </summary>
public sealed class LetterboxedImage(float[] pixels, LetterboxTransform transform)
{
    public float[] Pixels { get; } = pixels;

    public LetterboxTransform Transform { get; } = transform;

    public int Width => Transform.InputWidth;

    public int Height => Transform.InputHeight;

    /// <summary>The input as a [1, 3, height, width] float32 tensor.</summary>
    public Tensor ToTensor() => Tensor.Create(Pixels, 1, 3, Height, Width);
}
