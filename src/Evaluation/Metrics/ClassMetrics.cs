namespace OnnxOpt.Evaluation.Metrics;

/// <summary>One row of the per-class table: COCO AP of the class and its precision/recall at the dataset's best-F1 confidence.</summary>
/// <param name="Images">Images with at least one (non-crowd) object of the class.</param>
/// <param name="Instances">Non-crowd objects of the class.</param>
/// <param name="Detections">Detections of the class that took part (at most the per-image maximum per image).</param>
public sealed record ClassMetrics(int ClassId, string Name, int Images, int Instances, int Detections, double AP50_95, double AP50, double AP75, double Precision, double Recall);
