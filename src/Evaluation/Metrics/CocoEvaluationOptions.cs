namespace OnnxOpt.Evaluation.Metrics;

/// <summary>
/// pycocotools' evaluation parameters for boxes: IoU thresholds .50:.05:.95, 101 recall points, the area ranges
/// all / small (below 32²) / medium (32² to 96²) / large (above 96²), and the detections kept per image and class
/// (COCO's last maxDets, 100).
/// </summary>
public sealed record CocoEvaluationOptions
{
    /// <summary>IoU thresholds as numpy's <c>linspace(.5, .95, 10)</c> computes them (so comparisons round the same way).</summary>
    public IReadOnlyList<double> IouThresholds { get; init; } = Linspace(0.5, 0.95, 10);

    /// <summary>Detections kept per image and class, highest scores first (COCO maxDets[-1]).</summary>
    public int MaxDetections { get; init; } = 100;

    public static CocoEvaluationOptions Default { get; } = new();

    /// <summary>Recall points 0, .01, ..., 1 as numpy computes them.</summary>
    public static IReadOnlyList<double> RecallThresholds { get; } = Linspace(0, 1, 101);

    /// <summary>Area ranges in square pixels: all, small, medium, large.</summary>
    public static IReadOnlyList<(string Name, double Min, double Max)> AreaRanges { get; } =
    [
        ("all", 0, 1e10),
        ("small", 0, 32 * 32),
        ("medium", 32 * 32, 96 * 96),
        ("large", 96 * 96, 1e10),
    ];

    /// <summary>numpy's linspace: start + i * ((stop - start) / (count - 1)), with the last value exactly stop.</summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++)
        {
            values[i] = (i * step) + start;
        }

        values[^1] = stop;
        return values;
    }
}
