using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Metrics;

/// <summary>Small cases worked out by hand with pycocotools' rules.</summary>
public sealed class CocoEvaluatorTests
{
    private static readonly string[] Names = ["a", "b"];

    private static DetectionMetrics Evaluate(IReadOnlyList<IReadOnlyList<GroundTruthBox>> truths, IReadOnlyList<IReadOnlyList<Detection>> detections) =>
        CocoEvaluator.Evaluate(truths, detections, Names);

    [Fact]
    public void A_detection_on_its_object_scores_one_everywhere()
    {
        var m = Evaluate([[new GroundTruthBox(0, 0, 0, 100, 100)]], [[new Detection(0, 0.9f, 0, 0, 100, 100)]]);

        // pycocotools' precision is tp / (tp + fp + eps), so "1" is 1 - 2e-16.
        Assert.Equal(1.0, m.Map50_95, 12);
        Assert.Equal(1.0, m.Map50, 12);
        Assert.Equal(1.0, m.Map75, 12);
        Assert.Equal(1.0, m.MapLarge, 12);
        Assert.Equal((-1.0, -1.0), (m.MapSmall, m.MapMedium));
        Assert.Equal((1.0, 1.0), (m.Precision, m.Recall));
        var row = Assert.Single(m.PerClass);
        Assert.Equal(("a", 1, 1, 1), (row.Name, row.Images, row.Instances, row.Detections));
    }

    [Fact]
    public void Iou_of_point_62_matches_at_the_first_three_thresholds_only()
    {
        // [0,0,10,6.2] inside [0,0,10,10]: IoU 0.62, a match at .50, .55 and .60 of the ten thresholds.
        var m = Evaluate([[new GroundTruthBox(0, 0, 0, 10, 10)]], [[new Detection(0, 0.9f, 0, 0, 10, 6.2f)]]);

        Assert.Equal(0.3, m.Map50_95, 12);
        Assert.Equal(1.0, m.Map50, 12);
        Assert.Equal(0.0, m.Map75);
        Assert.Equal(0.3, m.AverageRecall, 12);
    }

    [Fact]
    public void Ar_at_1_counts_only_each_images_best_detection_of_a_class()
    {
        // Two objects, each found exactly; at maxDets 1 only the 0.9 detection counts: recall 1/2 at every threshold.
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10), new(0, 50, 50, 60, 60)];
        Detection[] detections = [new(0, 0.9f, 0, 0, 10, 10), new(0, 0.8f, 50, 50, 60, 60)];

        var r = Evaluate([objects], [detections]).Recalls;

        Assert.Equal((0.5, 1.0, 1.0), (r.At1, r.At10, r.At100));
    }

    [Fact]
    public void Ar_at_1_keeps_the_matches_made_among_all_detections()
    {
        // The 0.9 detection overlaps the object by IoU 0.62 and takes it at .50, .55, .60; the exact 0.8 detection
        // takes it at the seven higher thresholds. With 100 detections recall is 1 everywhere; cut to the best one,
        // only the three thresholds where the 0.9 detection matched remain (pycocotools matches once, with maxDets[-1]).
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10)];
        Detection[] detections = [new(0, 0.9f, 0, 0, 10, 6.2f), new(0, 0.8f, 0, 0, 10, 10)];

        var m = Evaluate([objects], [detections]);

        Assert.Equal(0.3, m.Recalls.At1, 12);
        Assert.Equal((1.0, 1.0), (m.Recalls.At10, m.Recalls.At100));
        Assert.Equal(m.AverageRecall, m.Recalls.At100, 12);
    }

    [Fact]
    public void Ar_by_size_counts_only_the_objects_of_that_size_and_averages_over_classes()
    {
        // Class a: a small object found and a large one missed. Class b: one medium object found at IoU 0.62.
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10), new(0, 100, 100, 300, 300), new(1, 400, 400, 450, 450)];
        Detection[] detections = [new(0, 0.9f, 0, 0, 10, 10), new(1, 0.7f, 400, 400, 450, 431)];

        var r = Evaluate([objects], [detections]).Recalls;

        Assert.Equal((1.0, 0.3, 0.0), (r.Small, r.Medium, r.Large));
        Assert.Equal(((0.5 + 0.3) / 2), r.At100, 12);
        Assert.Equal(r.At100, r.At1, 12);
    }

    [Fact]
    public void Ar_is_minus_one_without_objects()
    {
        var r = Evaluate([[]], [[new Detection(0, 0.9f, 0, 0, 10, 10)]]).Recalls;

        Assert.Equal(new AverageRecallMetrics(-1, -1, -1, -1, -1, -1), r);
    }

    [Fact]
    public void A_false_positive_between_two_hits_gives_the_101_point_interpolated_precision()
    {
        // Ranked: hit, miss, hit. Recall .5, .5, 1; precision 1, .5, 2/3 -> monotone 1, 2/3, 2/3.
        // Recall points 0 to .50 (51 of them) read 1, points .51 to 1 (50) read 2/3.
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10), new(0, 50, 50, 60, 60)];
        Detection[] detections = [new(0, 0.9f, 0, 0, 10, 10), new(0, 0.8f, 20, 20, 30, 30), new(0, 0.7f, 50, 50, 60, 60)];

        var m = Evaluate([objects], [detections]);

        double expected = (51 + (50 * (2 / (3 + 2.220446049250313e-16)))) / 101;
        Assert.Equal(expected, m.Map50, 12);
        Assert.Equal(expected, m.Map50_95, 12);
    }

    [Fact]
    public void Detections_on_a_crowd_are_neither_hits_nor_misses_and_the_crowd_is_not_a_miss()
    {
        // The crowd covers the right half; two detections inside it (IoU with a crowd = intersection / detection area).
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10), new(0, 100, 0, 200, 100, IsCrowd: true)];
        Detection[] detections = [new(0, 0.95f, 120, 10, 140, 30), new(0, 0.9f, 0, 0, 10, 10), new(0, 0.85f, 150, 50, 170, 70)];

        var m = Evaluate([objects], [detections]);

        Assert.Equal(1.0, m.Map50_95, 12);
        Assert.Equal(1, m.Instances);
    }

    [Fact]
    public void A_confident_detection_on_a_background_image_costs_precision()
    {
        // Image 2 has no objects: its detection outranks the hit on image 1. Ranked miss, hit: precision .5 at recall 1.
        var m = Evaluate([[new GroundTruthBox(0, 0, 0, 10, 10)], []], [[new Detection(0, 0.5f, 0, 0, 10, 10)], [new Detection(0, 0.9f, 0, 0, 10, 10)]]);

        Assert.Equal(0.5, m.Map50, 9);
        Assert.Equal(2, m.Images);
    }

    [Fact]
    public void Each_detection_takes_the_free_object_it_overlaps_most_and_an_object_is_taken_once()
    {
        // Two detections on the same object: the second is a false positive even though it overlaps it.
        var m = Evaluate([[new GroundTruthBox(0, 0, 0, 10, 10)]], [[new Detection(0, 0.9f, 0, 0, 10, 10), new Detection(0, 0.8f, 0, 0, 10, 10)]]);
        Assert.Equal(1.0, m.Map50, 12);

        // Reversed confidence on a worse box: the better-scored worse box takes the object at .5, the exact box is then a miss.
        var swapped = Evaluate([[new GroundTruthBox(0, 0, 0, 10, 10)]], [[new Detection(0, 0.9f, 0, 0, 10, 6.2f), new Detection(0, 0.8f, 0, 0, 10, 10)]]);
        Assert.Equal(1.0, swapped.Map50, 12);
        Assert.Equal(((3 * 1.0) + (7 * 0.5)) / 10, swapped.Map50_95, 9);
    }

    [Fact]
    public void Classes_are_matched_apart_and_averaged_over_classes_with_objects()
    {
        // Class a found, class b missed (its detection is class a, on b's object), class 1 has one object.
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10), new(1, 50, 50, 60, 60)];
        Detection[] detections = [new(0, 0.9f, 0, 0, 10, 10), new(0, 0.8f, 50, 50, 60, 60)];

        var m = Evaluate([objects], [detections]);

        Assert.Equal(0.5, m.Map50_95, 12);
        Assert.Equal([1.0, 0.0], m.PerClass.Select(c => Math.Round(c.AP50_95, 12)));
    }

    [Fact]
    public void Size_ranges_use_the_object_area_and_ignore_detections_outside_the_range()
    {
        // A small object (20x20) found, and a large false positive: small AP 1 (the large box is outside the range), all AP lower.
        GroundTruthBox[] objects = [new(0, 0, 0, 20, 20)];
        Detection[] detections = [new(0, 0.9f, 100, 100, 300, 300), new(0, 0.8f, 0, 0, 20, 20)];

        var m = Evaluate([objects], [detections]);

        Assert.Equal(1.0, m.MapSmall, 12);
        Assert.Equal(-1.0, m.MapLarge);
        Assert.Equal(0.5, m.Map50, 9);
    }

    [Fact]
    public void Only_the_best_max_detections_per_image_and_class_count()
    {
        var options = new CocoEvaluationOptions { MaxDetections = 1 };
        var m = CocoEvaluator.Evaluate([[new GroundTruthBox(0, 0, 0, 10, 10)]], [[new Detection(0, 0.9f, 50, 50, 60, 60), new Detection(0, 0.8f, 0, 0, 10, 10)]], Names, options);

        Assert.Equal(0.0, m.Map50);
    }

    [Fact]
    public void No_objects_anywhere_reports_minus_one_and_mismatched_inputs_are_refused()
    {
        var m = Evaluate([[]], [[new Detection(0, 0.9f, 0, 0, 10, 10)]]);
        Assert.Equal((-1.0, 0), (m.Map50_95, m.PerClass.Count));

        Assert.Throws<ArgumentException>(() => Evaluate([[]], []));
    }

    [Fact]
    public void Precision_and_recall_are_read_at_the_best_f1_confidence()
    {
        // Hits at .9 and .8, a miss at .3, one object never found: the best F1 keeps the two hits (P 1, R 2/3).
        GroundTruthBox[] objects = [new(0, 0, 0, 10, 10), new(0, 20, 20, 30, 30), new(0, 40, 40, 50, 50)];
        Detection[] detections = [new(0, 0.9f, 0, 0, 10, 10), new(0, 0.8f, 20, 20, 30, 30), new(0, 0.3f, 70, 70, 80, 80)];

        var m = Evaluate([objects], [detections]);

        Assert.Equal(1.0, m.Precision, 9);
        Assert.Equal(2.0 / 3, m.Recall, 9);
        Assert.InRange(m.BestF1Confidence, 0.3, 0.8);
    }
}
