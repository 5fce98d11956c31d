using OnnxOpt.Evaluation.Decoding;

namespace OnnxOpt.Evaluation.Preprocessing;

/// <summary>
/// The geometry of an Ultralytics letterbox: the source image is scaled by <see cref="Scale"/> (aspect kept) and
/// placed <see cref="PadLeft"/> columns and <see cref="PadTop"/> rows into the model input. Maps boxes both ways, so
/// detections in input pixels can be reported in the source image's pixels: source = (input - pad) / scale.
/// </summary>
public sealed record LetterboxTransform(int SourceWidth, int SourceHeight, int InputWidth, int InputHeight, double Scale, int PadLeft, int PadTop)
{
    /// <summary>Width of the scaled image inside the input (the rest is padding).</summary>
    public int ScaledWidth => Math.Max(1, (int)Math.Round(SourceWidth * Scale, MidpointRounding.ToEven));

    public int ScaledHeight => Math.Max(1, (int)Math.Round(SourceHeight * Scale, MidpointRounding.ToEven));

    /// <summary>
    /// The letterbox Ultralytics' <c>LetterBox</c> computes: scale = min(h/h0, w/w0), the scaled size rounded half to
    /// even (Python's round), and an odd padding split with round(d - 0.1) before and round(d + 0.1) after.
    /// </summary>
    public static LetterboxTransform Compute(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        double scale = Math.Min((double)inputHeight / sourceHeight, (double)inputWidth / sourceWidth);
        int scaledWidth = Math.Max(1, (int)Math.Round(sourceWidth * scale, MidpointRounding.ToEven));
        int scaledHeight = Math.Max(1, (int)Math.Round(sourceHeight * scale, MidpointRounding.ToEven));
        int left = (int)Math.Round(((inputWidth - scaledWidth) / 2.0) - 0.1, MidpointRounding.ToEven);
        int top = (int)Math.Round(((inputHeight - scaledHeight) / 2.0) - 0.1, MidpointRounding.ToEven);
        return new LetterboxTransform(sourceWidth, sourceHeight, inputWidth, inputHeight, scale, left, top);
    }

    public double ToSourceX(double inputX) => (inputX - PadLeft) / Scale;

    public double ToSourceY(double inputY) => (inputY - PadTop) / Scale;

    public double ToInputX(double sourceX) => (sourceX * Scale) + PadLeft;

    public double ToInputY(double sourceY) => (sourceY * Scale) + PadTop;

    /// <summary>The detection's box in source image pixels, clipped to the image (as Ultralytics' <c>scale_boxes</c>).</summary>
    public Detection ToSource(Detection detection) => detection with
    {
        X1 = (float)Math.Clamp(ToSourceX(detection.X1), 0, SourceWidth),
        Y1 = (float)Math.Clamp(ToSourceY(detection.Y1), 0, SourceHeight),
        X2 = (float)Math.Clamp(ToSourceX(detection.X2), 0, SourceWidth),
        Y2 = (float)Math.Clamp(ToSourceY(detection.Y2), 0, SourceHeight),
    };

    /// <summary>The detection's box in model input pixels (the inverse of <see cref="ToSource"/>, without clipping).</summary>
    public Detection ToInput(Detection detection) => detection with
    {
        X1 = (float)ToInputX(detection.X1),
        Y1 = (float)ToInputY(detection.Y1),
        X2 = (float)ToInputX(detection.X2),
        Y2 = (float)ToInputY(detection.Y2),
    };
}
