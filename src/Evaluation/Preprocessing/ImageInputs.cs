using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Evaluation.Preprocessing;

/// <summary>Letterboxed images as a detection model's input feeds (float32, or float16 when the input is float16).</summary>
public static class ImageInputs
{
    public static Tensor ToTensor(LetterboxedImage image, DataType inputType) =>
        inputType == DataType.Float16
            ? Tensor.Create(image.Pixels.Select(v => (Half)v).ToArray(), 1, 3, image.Height, image.Width)
            : image.ToTensor();

    /// <summary>One feed per image, decoded and letterboxed lazily (one image in memory at a time when streamed).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, Tensor>> Feeds(DetectionModel model, IEnumerable<string> imagePaths)
    {
        var preprocessor = new ImagePreprocessor(model.InputWidth, model.InputHeight);
        return imagePaths.Select(path => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor>
        {
            [model.InputName] = ToTensor(preprocessor.Load(path), model.InputType),
        });
    }
}
