using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Datasets;

/// <summary>
/// One image of a dataset and its labels. YOLO labels are normalised to the image size, which is only known once
/// the image is decoded (upright, EXIF applied); <see cref="ObjectsInPixels"/> scales them then. COCO labels are in
/// pixels already. <see cref="CocoId"/> is the image id written to COCO results JSON.
/// </summary>
public sealed record DatasetImage(string Path, long CocoId, IReadOnlyList<GroundTruthBox> Objects, bool Normalized)
{
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The labels in pixels of the upright image of the given size.</summary>
    public IReadOnlyList<GroundTruthBox> ObjectsInPixels(int width, int height)
    {
        if (!Normalized)
        {
            return Objects;
        }

        return Objects.Select(o => o with { X1 = o.X1 * width, Y1 = o.Y1 * height, X2 = o.X2 * width, Y2 = o.Y2 * height, Area = o.Area * width * height }).ToList();
    }
}
