using OnnxOpt.Evaluation.Verification;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Evaluation.Tests.Verification;

public sealed class ImageVerifierTests
{
    [Fact]
    public void A_model_against_itself_is_equivalent_at_every_level()
    {
        using var dir = new TempDirectory();
        string model = dir.File("a.onnx");
        ModelWriter.Save(GeneratedDetector.Create(), model);
        string images = GeneratedDetector.WriteDataset(dir.File("data"));

        var report = new ImageVerifier().Verify(model, model, images);

        Assert.True(report.Outputs.Passed);
        Assert.Equal(3, report.Outputs.Samples);
        Assert.True(report.Detections.Equivalent);
        Assert.Equal((3, 0, 0), (report.Detections.Matched, report.Detections.Missing, report.Detections.Extra));
        Assert.Equal((32, 32), (report.InputWidth, report.InputHeight));
    }

    [Fact]
    public void A_lower_score_is_a_detection_level_difference_and_limit_caps_the_images()
    {
        using var dir = new TempDirectory();
        string reference = dir.File("a.onnx"), candidate = dir.File("b.onnx");
        ModelWriter.Save(GeneratedDetector.Create(), reference);
        ModelWriter.Save(GeneratedDetector.Create(score: 0.7f), candidate);
        string images = GeneratedDetector.WriteDataset(dir.File("data"));

        var report = new ImageVerifier(new ImageVerificationOptions { Limit = 2 }).Verify(reference, candidate, images);

        Assert.False(report.Outputs.Passed);
        Assert.Equal(2, report.Detections.Images.Count);
        Assert.Equal(2, report.Detections.Matched);
        Assert.False(report.Detections.Equivalent);
        Assert.Equal(0.1, report.Detections.MaxAbsScoreDelta, 5);
    }

    [Fact]
    public void A_folder_without_images_is_refused()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidDataException>(() => ImageVerifier.FindImages(dir.Path));
        Assert.Throws<DirectoryNotFoundException>(() => ImageVerifier.FindImages(dir.File("nope")));
    }
}
