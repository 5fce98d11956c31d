namespace OnnxOpt.Evaluation.Datasets;

/// <summary>
/// Labelled images to evaluate a detector on. Class indices of the labels are the model's class indices;
/// <see cref="CategoryIds"/> gives, for a COCO JSON, the category id each class index came from (for results JSON).
/// <see cref="Notes"/> lists what was skipped while loading (unknown categories, unreadable label lines).
/// </summary>
public sealed record DetectionDataset(string Source, DatasetFormat Format, IReadOnlyList<string> ClassNames, IReadOnlyList<DatasetImage> Images)
{
    public IReadOnlyDictionary<int, long> CategoryIds { get; init; } = new Dictionary<int, long>();

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The first <paramref name="count"/> images (all when null).</summary>
    public DetectionDataset Take(int? count) =>
        count is { } n && n < Images.Count ? this with { Images = Images.Take(Math.Max(0, n)).ToList() } : this;

    /// <summary>The category id to write for a class index: the COCO id it was mapped from, else the index itself.</summary>
    public long CategoryIdOf(int classId) => CategoryIds.TryGetValue(classId, out long id) ? id : classId;

    /// <summary>
    /// Opens a dataset from a path: a <c>.json</c> COCO instances file, a <c>.yaml</c>/<c>.yml</c> Ultralytics data
    /// file (its val split), or a folder in YOLO layout. <paramref name="modelClassNames"/> maps COCO categories to
    /// model classes by name and names the classes of a YOLO folder without a YAML.
    /// </summary>
    public static DetectionDataset Open(string path, IReadOnlyList<string> modelClassNames, string? cocoImagesFolder = null)
    {
        if (Directory.Exists(path))
        {
            return YoloDataset.FromFolder(path, modelClassNames);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"dataset '{path}' does not exist", path);
        }

        string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".json" => CocoDataset.Load(path, modelClassNames, cocoImagesFolder),
            ".yaml" or ".yml" => YoloDataset.FromDataYaml(path, modelClassNames),
            _ => throw new InvalidDataException($"dataset '{path}' is neither a folder, a COCO .json nor a data .yaml"),
        };
    }
}
