using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Evaluation.Verification;

/// <summary>
/// Verifies a candidate detection model against its reference on real images: each image is letterboxed as the
/// reference's metadata says, both models run once on it (through <see cref="ModelComparer"/>, so the element-wise
/// statistics are the usual ones), and their first outputs are decoded (raw heads with NMS, or NMS-free [1,K,6])
/// and matched detection by detection. This is the right test for float16, pruned and NMS-free models, whose raw
/// tensors legitimately differ (rounding, reordered near-tied rows) while the detections agree.
/// </summary>
public sealed class ImageVerifier(ImageVerificationOptions? options = null)
{
    public ImageVerificationOptions Options { get; } = options ?? new ImageVerificationOptions();

    /// <summary>The image files of a folder (or of its images/ subfolder), in name order.</summary>
    public static IReadOnlyList<string> FindImages(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"image folder '{folder}' does not exist");
        }

        string images = Directory.Exists(Path.Combine(folder, "images")) ? Path.Combine(folder, "images") : folder;
        var files = Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories)
            .Where(f => YoloDataset.ImageExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new InvalidDataException($"no images (.jpg, .png, ...) found under '{images}'");
    }

    public ImageVerificationReport Verify(string referencePath, string candidatePath, string imageFolder)
    {
        if (Options.Matching.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var images = FindImages(imageFolder);
        if (Options.Limit is { } limit)
        {
            images = images.Take(Math.Max(1, limit)).ToList();
        }

        var referenceModel = ModelReader.Load(referencePath);
        var candidateModel = ModelReader.Load(candidatePath);
        var reference = DetectionModel.Describe(referenceModel, Path.GetFileName(referencePath), Options.ImageSize);
        var candidate = DetectionModel.Describe(candidateModel, Path.GetFileName(candidatePath), Options.ImageSize);
        if (candidate.InputWidth != reference.InputWidth || candidate.InputHeight != reference.InputHeight || candidate.InputType != reference.InputType)
        {
            throw new ArgumentException($"the models take different images: {reference.Name} {reference.InputType} {reference.InputWidth}x{reference.InputHeight}, {candidate.Name} {candidate.InputType} {candidate.InputWidth}x{candidate.InputHeight}");
        }

        var advice = ToleranceAdvice.For(ModelSummarizer.Summarize(candidateModel), ModelSummarizer.Summarize(referenceModel));
        var decoder = new DetectionDecoder(reference.ClassNames.Count, DetectionOptions.Default with { Confidence = Options.Matching.Confidence - Options.Matching.ScoreMargin });
        var agreements = new ImageAgreement[images.Count];
        using var referenceRunner = new OrtRunner(referencePath, Options.Comparer.RunOptions);
        using var candidateRunner = new OrtRunner(candidatePath, Options.Comparer.RunOptions);
        string referenceOutput = referenceRunner.OutputNames[0], candidateOutput = candidateRunner.OutputNames[0];
        var inputs = ImageInputs.Feeds(reference, images);
        var outputs = Options.Comparer.Compare(referenceRunner, candidateRunner, inputs, (i, expected, actual) =>
            agreements[i] = DetectionMatcher.Match(images[i], decoder.Decode(expected[referenceOutput]), decoder.Decode(actual[candidateOutput]), Options.Matching));
        return new ImageVerificationReport(outputs, new DetectionAgreement(Options.Matching, agreements), advice, reference.InputWidth, reference.InputHeight);
    }
}
