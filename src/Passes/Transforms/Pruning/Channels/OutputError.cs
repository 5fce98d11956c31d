using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// How far a pruned model's graph outputs are from the unpruned model's on one sample. For an Ultralytics detection
/// output ([1, 4 + classes, anchors]: box centre and size in pixels, then class scores) only the anchors that matter
/// count: those whose best class score is above <see cref="ScoreFloor"/> in the unpruned or the pruned model; each contributes its
/// squared class-score changes plus its squared box changes relative to the box's squared size (so an error of a few
/// pixels weighs as much on a small box as a proportionally larger one on a big box). Any other output counts its
/// relative squared error Σ(y' − y)² / Σy².
/// </summary>
public static class OutputError
{
    /// <summary>The class score below which an anchor's changes are ignored (far under any usual confidence threshold).</summary>
    public const float ScoreFloor = 0.05f;

    /// <summary>The error of <paramref name="pruned"/> against <paramref name="reference"/> (same layout <paramref name="dims"/>).</summary>
    public static double Of(ReadOnlySpan<long> dims, ReadOnlySpan<float> reference, ReadOnlySpan<float> pruned, bool detection)
    {
        if (reference.Length != pruned.Length)
        {
            throw new InvalidOperationException($"an output changed size under pruning ({reference.Length} to {pruned.Length} values)");
        }

        return detection && dims.Length == 3 && dims[0] == 1 && dims[1] > 4 && dims[1] * dims[2] == reference.Length
            ? Detection((int)dims[1], (int)dims[2], reference, pruned)
            : Relative(reference, pruned);
    }

    /// <summary>Whether <paramref name="model"/>'s outputs are read as Ultralytics detections.</summary>
    public static bool IsDetection(Model model) => UltralyticsHead.Find(model) is not null;

    private static double Relative(ReadOnlySpan<float> reference, ReadOnlySpan<float> pruned)
    {
        double error = 0, norm = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double d = pruned[i] - (double)reference[i];
            error += d * d;
            norm += reference[i] * (double)reference[i];
        }

        return norm > 0 ? error / norm : error;
    }

    private static double Detection(int rows, int anchors, ReadOnlySpan<float> reference, ReadOnlySpan<float> pruned)
    {
        double error = 0;
        for (int a = 0; a < anchors; a++)
        {
            float best = 0;
            for (int r = 4; r < rows; r++)
            {
                best = Math.Max(best, Math.Max(reference[(r * anchors) + a], pruned[(r * anchors) + a]));
            }

            if (best <= ScoreFloor)
            {
                continue;
            }

            double w = reference[(2 * anchors) + a], h = reference[(3 * anchors) + a];
            double size = Math.Max((w * w) + (h * h), 1);
            for (int r = 0; r < rows; r++)
            {
                double d = pruned[(r * anchors) + a] - (double)reference[(r * anchors) + a];
                error += r < 4 ? d * d / size : d * d;
            }
        }

        return error;
    }
}
