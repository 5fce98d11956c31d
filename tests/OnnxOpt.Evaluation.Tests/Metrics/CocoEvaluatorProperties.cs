using FsCheck.Xunit;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Evaluation.Tests.Metrics;

/// <summary>Properties of COCO AP over random scenes: objects, near-miss and stray detections, few distinct scores (many ties).</summary>
public sealed class CocoEvaluatorProperties
{
    private static readonly string[] Names = ["a", "b", "c"];

    private sealed record Scene(List<List<GroundTruthBox>> Truths, List<List<Detection>> Detections);

    private static Scene RandomScene(int seed)
    {
        var random = new Random(seed);
        var truths = new List<List<GroundTruthBox>>();
        var detections = new List<List<Detection>>();
        int images = random.Next(1, 7);
        for (int i = 0; i < images; i++)
        {
            var objects = new List<GroundTruthBox>();
            var found = new List<Detection>();
            int count = random.Next(0, 6);
            for (int k = 0; k < count; k++)
            {
                float x = random.Next(0, 200), y = random.Next(0, 200), w = random.Next(4, 150), h = random.Next(4, 150);
                var box = new GroundTruthBox(random.Next(0, 3), x, y, x + w, y + h, IsCrowd: random.Next(10) == 0);
                objects.Add(box);
                if (random.Next(4) != 0)
                {
                    float shift = random.Next(0, 3) * w / 10;
                    found.Add(new Detection(box.ClassId, Score(random), x + shift, y, x + w + shift, y + h));
                }
            }

            for (int k = random.Next(0, 3); k > 0; k--)
            {
                float x = random.Next(0, 300), y = random.Next(0, 300);
                found.Add(new Detection(random.Next(0, 3), Score(random), x, y, x + random.Next(2, 80), y + random.Next(2, 80)));
            }

            truths.Add(objects);
            detections.Add(found);
        }

        return new Scene(truths, detections);
    }

    // Five score levels: ties between images and within images are common.
    private static float Score(Random random) => (random.Next(1, 6) * 2) / 10f;

    private static DetectionMetrics Evaluate(Scene scene) =>
        CocoEvaluator.Evaluate(scene.Truths.Cast<IReadOnlyList<GroundTruthBox>>().ToList(), scene.Detections.Cast<IReadOnlyList<Detection>>().ToList(), Names);

    private static (double, double, double, double, double, double, double) Headline(DetectionMetrics m) =>
        (m.Map50_95, m.Map50, m.Map75, m.MapSmall, m.MapMedium, m.MapLarge, m.AverageRecall);

    // pycocotools' precision is tp / (tp + fp + eps): a perfect AP is 1 within a few ulps.
    private static bool IsOne(double value) => Math.Abs(value - 1) < 1e-12;

    [Property(MaxTest = 200)]
    public bool Perfect_predictions_give_one(int seed)
    {
        var scene = RandomScene(seed);
        var perfect = scene.Truths.Select(objects => objects.Select(o => new Detection(o.ClassId, 0.5f, o.X1, o.Y1, o.X2, o.Y2)).ToList()).ToList();
        var m = Evaluate(scene with { Detections = perfect });
        bool anyCounted = scene.Truths.Any(objects => objects.Any(o => !o.IsCrowd));
        return anyCounted ? IsOne(m.Map50_95) && IsOne(m.Map50) && m.PerClass.All(c => IsOne(c.AP50_95)) : m.Map50_95 == -1;
    }

    [Property(MaxTest = 200)]
    public bool Average_recall_grows_with_the_detections_kept_and_at_100_is_the_headline_recall(int seed)
    {
        var m = Evaluate(RandomScene(seed));
        var r = m.Recalls;
        // Same counts, summed in another order: equal within rounding.
        return Math.Abs(r.At100 - m.AverageRecall) < 1e-12 && (r.At1 == -1 ? r.At100 == -1 : r.At1 <= r.At10 && r.At10 <= r.At100);
    }

    [Property(MaxTest = 200)]
    public bool Image_order_does_not_change_the_metrics(int seed)
    {
        var scene = RandomScene(seed);
        var order = Enumerable.Range(0, scene.Truths.Count).OrderBy(_ => new Random(seed + 1).Next()).Reverse().ToList();
        var shuffled = new Scene(order.Select(i => scene.Truths[i]).ToList(), order.Select(i => scene.Detections[i]).ToList());
        return Headline(Evaluate(scene)) == Headline(Evaluate(shuffled));
    }

    [Property(MaxTest = 200)]
    public bool Order_of_detections_within_images_and_ties_does_not_change_the_metrics(int seed)
    {
        var scene = RandomScene(seed);
        var random = new Random(seed ^ 0x5bd1e995);
        var shuffled = scene with { Detections = scene.Detections.Select(d => d.OrderBy(_ => random.Next()).ToList()).ToList() };
        return Headline(Evaluate(scene)) == Headline(Evaluate(shuffled));
    }

    [Property(MaxTest = 200)]
    public bool A_lowest_score_false_positive_never_raises_ap(int seed)
    {
        var scene = RandomScene(seed);
        var random = new Random(seed);
        float lowest = scene.Detections.SelectMany(d => d).Select(d => d.Score).DefaultIfEmpty(0.5f).Min();
        int image = random.Next(scene.Truths.Count);

        // Far from every object, so it can only be a false positive (or ignored when outside a size range).
        var stray = new Detection(random.Next(0, 3), lowest / 2, 5000, 5000, 5000 + random.Next(2, 200), 5000 + random.Next(2, 200));
        var more = scene with { Detections = scene.Detections.Select((d, i) => i == image ? d.Append(stray).ToList() : d).ToList() };
        var before = Evaluate(scene);
        var after = Evaluate(more);
        return after.Map50_95 <= before.Map50_95 && after.Map50 <= before.Map50 && after.Map75 <= before.Map75;
    }
}
