namespace OnnxOpt.Evaluation.Metrics;

/// <summary>
/// One labelled object of an image: class index, corner box in image pixels, whether it is a COCO crowd region
/// (crowds never count as misses and absorb detections without making them false positives), and the area COCO
/// uses for its small/medium/large ranges (the segmentation area from a COCO JSON; the box area otherwise).
/// </summary>
public sealed record GroundTruthBox(int ClassId, float X1, float Y1, float X2, float Y2, bool IsCrowd = false, double? Area = null)
{
    /// <summary>The area that decides the object's size range: the given area, else the box area.</summary>
    public double RangeArea => Area ?? (Math.Max(0, X2 - X1) * (double)Math.Max(0, Y2 - Y1));
}
