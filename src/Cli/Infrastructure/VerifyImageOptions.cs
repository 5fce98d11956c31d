using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Verification;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>The options of <c>verify --images DIR</c>: which images, and when two detections count as the same.</summary>
public sealed class VerifyImageOptions
{
    public Option<string?> Images { get; } = new("--images") { Description = "Compare on the images of this folder (letterboxed per the model's metadata) and match detections.", HelpName = "DIR" };

    public Option<int?> Limit { get; } = new("--limit") { Description = "With --images: only the first N images.", HelpName = "N" };

    public Option<int?> ImageSize { get; } = new("--imgsz") { Description = "With --images: letterbox size for models without a fixed input size.", HelpName = "N" };

    public Option<float> Confidence { get; } = new("--conf") { Description = "With --images: detections at or above this score must agree.", DefaultValueFactory = _ => DetectionMatchOptions.Default.Confidence, HelpName = "F" };

    public Option<float> MatchIou { get; } = new("--match-iou") { Description = "With --images: IoU at which two same-class detections match.", DefaultValueFactory = _ => DetectionMatchOptions.Default.MinIou, HelpName = "F" };

    public Option<float> MaxScoreDelta { get; } = new("--max-score-delta") { Description = "With --images: largest score change of a matched detection.", DefaultValueFactory = _ => DetectionMatchOptions.Default.MaxScoreDelta, HelpName = "F" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Images, Limit, ImageSize, Confidence, MatchIou, MaxScoreDelta })
        {
            command.Options.Add(option);
        }
    }

    public ImageVerificationOptions Options(ParseResult result, ModelComparer comparer)
    {
        var matching = DetectionMatchOptions.Default with
        {
            Confidence = result.GetValue(Confidence),
            MinIou = result.GetValue(MatchIou),
            MaxScoreDelta = result.GetValue(MaxScoreDelta),
        };
        matching = matching with { ScoreMargin = Math.Min(matching.ScoreMargin, matching.Confidence / 2) };
        if (matching.Validate() is { } problem)
        {
            throw new UsageException(problem);
        }

        if (result.GetValue(Limit) is < 1 || result.GetValue(ImageSize) is < 32)
        {
            throw new UsageException("--limit must be at least 1 and --imgsz at least 32");
        }

        return new ImageVerificationOptions { Comparer = comparer, Matching = matching, Limit = result.GetValue(Limit), ImageSize = result.GetValue(ImageSize) };
    }
}
