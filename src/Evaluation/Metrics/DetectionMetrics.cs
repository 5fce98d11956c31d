namespace OnnxOpt.Evaluation.Metrics;

/// <summary>
/// COCO box metrics of a detector on a dataset, computed as pycocotools does (see docs/evaluation.md for the two
/// places where ties are handled independent of order). AP values are means over the classes that have objects;
/// a size range without any object reports -1, as COCO does. <see cref="Precision"/>, <see cref="Recall"/> and
/// <see cref="F1"/> are class means at the single confidence that maximises the (smoothed) mean F1 at IoU 0.5, as
/// Ultralytics reports P and R. <see cref="AverageRecall"/> is COCO's AR@100 (AR at the last maxDets);
/// <see cref="Recalls"/> has the rest of COCO's AR rows.
/// </summary>
public sealed record DetectionMetrics(
    double Map50_95,
    double Map50,
    double Map75,
    double MapSmall,
    double MapMedium,
    double MapLarge,
    double AverageRecall,
    double Precision,
    double Recall,
    double F1,
    double BestF1Confidence,
    int Images,
    int Instances,
    IReadOnlyList<ClassMetrics> PerClass,
    AverageRecallMetrics Recalls);
