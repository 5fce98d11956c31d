
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime.Vision;

/// <summary>A letterboxed image as a model input, and the geometry needed to map boxes back to the source image.</summary>
/// <param name="Input">[1, 3, height, width] float32, RGB, values in [0, 1].</param>
/// <param name="Scale">Source pixels are multiplied by this to get input pixels.</param>
/// <param name="PadX">Columns of padding on the left.</param>
/// <param name="PadY">Rows of padding on the top.</param>
/// <param name="SourceWidth">Width of the source image in pixels.</param>
/// <param name="SourceHeight">Height of the source image in pixels.</param>
public sealed record LetterboxResult(Tensor Input, float Scale, int PadX, int PadY, int SourceWidth, int SourceHeight)
{
    /// <summary>The detection's box in source image pixels, clipped to the image.</summary>
    public Detection ToSource(Detection d) => d with
    {
        X1 = Math.Clamp((d.X1 - PadX) / Scale, 0, SourceWidth),
        Y1 = Math.Clamp((d.Y1 - PadY) / Scale, 0, SourceHeight),
        X2 = Math.Clamp((d.X2 - PadX) / Scale, 0, SourceWidth),
        Y2 = Math.Clamp((d.Y2 - PadY) / Scale, 0, SourceHeight),
    };
}
