
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime.Images;

/// <summary>
/// A letterboxed image as a model input: the [1,3,H,W] float tensor (RGB, 0..1) and how the source maps into it,
/// so detections in input pixels can be mapped back: source = (input - pad) / scale.
/// </summary>
public sealed record LetterboxImage(Tensor Tensor, int SourceWidth, int SourceHeight, double Scale, int PadLeft, int PadTop)
{
    public double ToSourceX(double inputX) => (inputX - PadLeft) / Scale;

    public double ToSourceY(double inputY) => (inputY - PadTop) / Scale;
}
