namespace OnnxOpt.Evaluation.Metrics;

/// <summary>One row of the per-class table: COCO AP of the class and its precision/recall at the dataset's best-F1 confidence.</summary>
/// <param name="ClassId">The class's index in the model's output.</param>
/// <param name="Name">The class's name.</param>
/// <param name="Images">Images with at least one (non-crowd) object of the class.</param>
/// <param name="Instances">Non-crowd objects of the class.</param>
/// <param name="Detections">Detections of the class that took part (at most the per-image maximum per image).</param>
/// <param name="AP50_95">AP averaged over IoU 0.50:0.05:0.95.</param>
/// <param name="AP50">AP at IoU 0.50.</param>
/// <param name="AP75">AP at IoU 0.75.</param>
/// <param name="Precision">Precision at the dataset's best-F1 confidence.</param>
/// <param name="Recall">Recall at the dataset's best-F1 confidence.</param>
public sealed record ClassMetrics(int ClassId, string Name, int Images, int Instances, int Detections, double AP50_95, double AP50, double AP75, double Precision, double Recall);
