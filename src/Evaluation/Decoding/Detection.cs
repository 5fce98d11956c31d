namespace OnnxOpt.Evaluation.Decoding;

/// <summary>One detected object: class index, confidence and an axis-aligned box given by its corners (pixels).</summary>
public sealed record Detection(int ClassId, float Score, float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>Intersection over union of the two boxes (0 when they do not overlap).</summary>
    public float Iou(Detection other) => BoxMath.Iou(X1, Y1, X2, Y2, other.X1, other.Y1, other.X2, other.Y2);

    /// <summary>The largest distance between corresponding box edges, in pixels.</summary>
    public float MaxEdgeDistance(Detection other) =>
        Math.Max(Math.Max(Math.Abs(X1 - other.X1), Math.Abs(Y1 - other.Y1)), Math.Max(Math.Abs(X2 - other.X2), Math.Abs(Y2 - other.Y2)));
}
