namespace OnnxOpt.Evaluation.Datasets;

public enum DatasetFormat
{
    /// <summary>images/ and labels/*.txt (class cx cy w h, normalised), found directly or through a data YAML.</summary>
    Yolo,

    /// <summary>A COCO instances JSON (images, annotations with pixel boxes and iscrowd, categories by name).</summary>
    Coco,
}
