using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// Calibration inputs from a folder (or one file): images letterboxed to the model's input size, or tensors saved
/// as `.npy` or serialized ONNX `TensorProto` (`.pb`). At most the limit given files are used; when the folder
/// holds more, a seeded shuffle picks which, so a run is repeatable. Samples are loaded one at a time as they are
/// enumerated, so memory holds one input however many files there are.
/// </summary>
public sealed class CalibrationDataSource
{
    private readonly CalibrationImageLoader? _images;

    private CalibrationDataSource(IReadOnlyList<string> files, CalibrationInput input, int available, CalibrationImageLoader? images)
    {
        _images = images;
        Files = files;
        Input = input;
        Available = available;
    }

    /// <summary>The files this source yields, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>How many usable files the path held before the limit.</summary>
    public int Available { get; }

    public CalibrationInput Input { get; }

    public int Count => Files.Count;

    /// <summary>
    /// Lists the usable files under <paramref name="path"/> and picks at most <paramref name="limit"/> of them (0: all).
    /// Image files need <paramref name="images"/>, the preprocessing the model expects.
    /// </summary>
    public static CalibrationDataSource Open(string path, CalibrationInput input, int limit = 0, int seed = 0, CalibrationImageLoader? images = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        string[] candidates;
        if (Directory.Exists(path))
        {
            candidates = Directory.EnumerateFiles(path).Where(IsUsable).Order(StringComparer.Ordinal).ToArray();
        }
        else if (File.Exists(path))
        {
            candidates = IsUsable(path) ? [path] : throw new InvalidDataException($"calibration data '{path}' is not an image, .npy or .pb file");
        }
        else
        {
            throw new FileNotFoundException($"calibration data '{path}' does not exist", path);
        }

        if (candidates.Length == 0)
        {
            throw new InvalidDataException($"calibration data '{path}' holds no images, .npy or .pb files");
        }

        var chosen = candidates;
        if (limit > 0 && limit < candidates.Length)
        {
            var shuffled = (string[])candidates.Clone();
            new Random(seed).Shuffle(shuffled);
            chosen = shuffled[..limit].Order(StringComparer.Ordinal).ToArray();
        }

        if (images is null && chosen.FirstOrDefault(CalibrationImages.IsImage) is { } image)
        {
            throw new InvalidDataException($"calibration data '{image}' is an image, and no image preprocessing was given");
        }

        return new CalibrationDataSource(chosen, input, candidates.Length, images);
    }

    /// <summary>Loads the samples lazily, one per file.</summary>
    public IEnumerable<CalibrationSample> Samples()
    {
        foreach (var file in Files)
        {
            yield return new CalibrationSample(file, new Dictionary<string, Tensor> { [Input.Name] = Load(file) });
        }
    }

    private Tensor Load(string file)
    {
        if (CalibrationImages.IsImage(file))
        {
            return _images!(file, Input.Width, Input.Height);
        }

        var tensor = Path.GetExtension(file).Equals(".npy", StringComparison.OrdinalIgnoreCase)
            ? NpyReader.Read(file)
            : TensorSerialization.FromBytes(File.ReadAllBytes(file), Path.GetDirectoryName(file));

        // A single CHW sample saved without its batch dimension.
        return tensor.Rank == 3 ? tensor.Reshape([1, .. tensor.DimsArray()]) : tensor;
    }

    private static bool IsUsable(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return CalibrationImages.IsImage(path) || extension is ".npy" or ".pb";
    }
}
