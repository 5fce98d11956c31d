using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Evaluation.Running;

/// <summary>
/// What evaluation needs to know about a detection model: its image input, the size images are letterboxed to
/// (the input's fixed size, else the Ultralytics <c>imgsz</c> metadata, else the caller's choice, else 640), and its
/// class names (metadata <c>names</c>, else <c>class0..</c> from the output shape).
/// </summary>
public sealed record DetectionModel(string Name, string InputName, DataType InputType, int InputWidth, int InputHeight, IReadOnlyList<string> ClassNames, UltralyticsMetadata Metadata)
{
    public const int DefaultImageSize = 640;

    /// <summary>Reads the model's input, size and classes. <paramref name="imageSize"/> is required to match a fixed input.</summary>
    public static DetectionModel Describe(Model model, string name, int? imageSize = null)
    {
        var inputs = model.Graph.Inputs.Where(i => !i.IsInitializer).ToList();
        if (inputs.Count != 1 || inputs[0].Shape is not { Rank: 4 } shape)
        {
            throw new InvalidDataException($"'{name}' is not an image detection model: it needs exactly one [N,3,H,W] input, it has {string.Join(", ", inputs.Select(i => i.ToString()))}");
        }

        if (inputs[0].ElementType is not (DataType.Float or DataType.Float16))
        {
            throw new InvalidDataException($"'{name}': the image input must be float or float16, it is {inputs[0].ElementType}");
        }

        var metadata = UltralyticsMetadata.Read(model);
        int? fixedHeight = shape[2].Value is { } h ? (int)h : null;
        int? fixedWidth = shape[3].Value is { } w ? (int)w : null;
        if (imageSize is { } requested && fixedHeight is not null && fixedWidth is not null && (requested != fixedHeight || requested != fixedWidth))
        {
            throw new ArgumentException($"'{name}' has a fixed {fixedWidth}x{fixedHeight} input; image size {requested} does not fit it");
        }

        int height = fixedHeight ?? imageSize ?? metadata.ImageHeight ?? DefaultImageSize;
        int width = fixedWidth ?? imageSize ?? metadata.ImageWidth ?? DefaultImageSize;
        var names = metadata.Names.Count > 0 ? metadata.Names : NamesFromOutput(model);
        if (names.Count == 0)
        {
            throw new InvalidDataException($"'{name}' carries no class names and its output shape does not tell how many classes it has");
        }

        return new DetectionModel(name, inputs[0].Name, inputs[0].ElementType, width, height, names, metadata);
    }

    /// <summary>A raw detect head [1, 4 + classes, anchors] tells the class count; other layouts do not.</summary>
    private static List<string> NamesFromOutput(Model model)
    {
        if (model.Graph.Outputs.Count == 1 && model.Graph.Outputs[0].Shape is { Rank: 3 } shape && shape[1].Value is { } rows && shape[2].Value is { } columns && columns != 6 && rows > 4)
        {
            return Enumerable.Range(0, (int)rows - 4).Select(i => $"class{i}").ToList();
        }

        return [];
    }
}
