using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Verification;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Verification;

public sealed class DetectionMatcherTests
{
    private static readonly Detection Person = new(0, 0.9f, 10, 10, 110, 210);
    private static readonly Detection Bus = new(5, 0.7f, 200, 50, 500, 300);

    private static DetectionAgreement Agree(IReadOnlyList<Detection> reference, IReadOnlyList<Detection> candidate, DetectionMatchOptions? options = null) =>
        new(options ?? DetectionMatchOptions.Default, [DetectionMatcher.Match("img", reference, candidate, options)]);

    [Fact]
    public void Identical_detections_all_match_and_are_equivalent()
    {
        var agreement = Agree([Person, Bus], [Bus, Person]);
        Assert.Equal((2, 0, 0), (agreement.Matched, agreement.Missing, agreement.Extra));
        Assert.Equal(0, agreement.MaxAbsScoreDelta);
        Assert.Equal(1, agreement.MinIou, 6);
        Assert.True(agreement.Equivalent);
        Assert.Null(agreement.Problem);
    }

    [Fact]
    public void A_small_shift_and_score_change_still_match()
    {
        var moved = Person with { Score = 0.88f, X1 = 11, X2 = 111 };
        var agreement = Agree([Person], [moved]);
        Assert.Equal(1, agreement.Matched);
        Assert.Equal(0.02, agreement.MaxAbsScoreDelta, 5);
        Assert.True(agreement.MinIou is > 0.9 and < 1);
        Assert.True(agreement.Equivalent);
    }

    [Fact]
    public void A_box_moved_below_the_match_iou_is_one_missing_and_one_extra()
    {
        var moved = Person with { X1 = 30, X2 = 130 };
        Assert.True(Person.Iou(moved) < 0.9f);
        var agreement = Agree([Person], [moved]);
        Assert.Equal((0, 1, 1), (agreement.Matched, agreement.Missing, agreement.Extra));
        Assert.False(agreement.Equivalent);
        Assert.Contains("1 missing and 1 extra", agreement.Problem);
    }

    [Fact]
    public void The_same_box_with_another_class_does_not_match()
    {
        var agreement = Agree([Person], [Person with { ClassId = 1 }]);
        Assert.Equal((0, 1, 1), (agreement.Matched, agreement.Missing, agreement.Extra));
    }

    [Fact]
    public void A_detection_crossing_the_threshold_by_rounding_still_matches()
    {
        var reference = Person with { Score = 0.26f };
        var candidate = Person with { Score = 0.24f };
        Assert.True(Agree([reference], [candidate]).Equivalent);
        Assert.True(Agree([candidate], [reference]).Equivalent);
    }

    [Fact]
    public void A_detection_that_fell_far_below_the_threshold_is_missing()
    {
        var agreement = Agree([Person with { Score = 0.3f }], [Person with { Score = 0.1f }]);
        Assert.Equal((0, 1, 0), (agreement.Matched, agreement.Missing, agreement.Extra));
    }

    [Fact]
    public void Low_scoring_detections_on_both_sides_are_ignored()
    {
        var agreement = Agree([Person with { Score = 0.1f }], [Bus with { Score = 0.15f }]);
        Assert.Equal((0, 0, 0), (agreement.Matched, agreement.Missing, agreement.Extra));
        Assert.True(agreement.Equivalent);
    }

    [Fact]
    public void A_matched_score_that_moved_too_far_fails_the_verdict()
    {
        var agreement = Agree([Person], [Person with { Score = 0.8f }]);
        Assert.Equal(1, agreement.Matched);
        Assert.False(agreement.Equivalent);
        Assert.Contains("score moved by 0.1", agreement.Problem);
        Assert.True(Agree([Person], [Person with { Score = 0.8f }], DetectionMatchOptions.Default with { MaxScoreDelta = 0.2f }).Equivalent);
    }

    [Fact]
    public void Each_candidate_is_matched_at_most_once_and_the_best_iou_wins()
    {
        var twin = Person with { Score = 0.85f, X1 = 12, X2 = 112 };
        var agreement = Agree([Person, twin], [Person]);
        Assert.Equal((1, 1, 0), (agreement.Matched, agreement.Missing, agreement.Extra));
        var pair = Assert.Single(agreement.Images[0].Matched);
        Assert.Same(Person, pair.Reference);
    }

    [Fact]
    public void Order_of_the_inputs_does_not_change_the_result()
    {
        Detection[] reference = [Person, Bus, Person with { X1 = 300, X2 = 400, Score = 0.5f }];
        Detection[] candidate = [Bus with { Score = 0.69f }, Person with { Score = 0.91f }, Person with { X1 = 301, X2 = 401, Score = 0.5f }];
        var forward = Agree(reference, candidate);
        var backward = Agree(reference.Reverse().ToArray(), candidate.Reverse().ToArray());
        Assert.Equal((forward.Matched, forward.Missing, forward.Extra, forward.MaxAbsScoreDelta), (backward.Matched, backward.Missing, backward.Extra, backward.MaxAbsScoreDelta));
        Assert.Equal(3, forward.Matched);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DetectionMatcher.Match("img", [], [], DetectionMatchOptions.Default with { MinIou = 0 }));
        Assert.Throws<ArgumentException>(() => DetectionMatcher.Match("img", [], [], DetectionMatchOptions.Default with { ScoreMargin = 0.3f }));
    }
}
