using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// The ONNX file an engine build reads. Usually the model as given; when the target is strongly typed and an FP16
/// engine is asked of a float32 model (<see cref="EnginePlanner.RequiredConversion"/>), a converted copy written to
/// a private temporary folder instead. Disposing deletes that folder unless <see cref="Keep"/> is set (a dry run
/// prints a command that reads the copy, so it must outlive the process).
/// </summary>
public sealed class EngineInput : IDisposable
{
    /// <summary>Whether <see cref="Path"/> lies in a temporary folder of its own (deleted with it).</summary>
    private readonly bool _ownsFolder;

    private EngineInput(string path, string? conversion, bool ownsFolder = true)
    {
        Path = path;
        Conversion = conversion;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The file to hand to trtexec or ONNX Runtime.</summary>
    public string Path { get; }

    /// <summary>The pipeline the copy went through; null when the build reads the given model.</summary>
    public string? Conversion { get; }

    /// <summary>Leave the converted copy on disk when disposed.</summary>
    public bool Keep { get; set; }

    /// <summary>
    /// Reads <paramref name="modelPath"/> and, when <paramref name="target"/> needs it converted for
    /// <paramref name="precision"/>, rewrites it with <paramref name="rewrite"/> into a temporary copy.
    /// </summary>
    public static EngineInput Prepare(string modelPath, TargetProfile target, Precision precision, ModelRewriter rewrite) =>
        Prepare(modelPath, ModelReader.Load(modelPath), target, precision, rewrite);

    /// <summary>
    /// As <see cref="Prepare(string, TargetProfile, Precision, ModelRewriter)"/>, for a model the caller already read
    /// from <paramref name="modelPath"/> (it may be rewritten). With <paramref name="copyPath"/> the converted copy is
    /// written there instead of a private temporary folder (a dry run's printed command then names a file beside the
    /// engine, not a path of this host's temporary folder); disposing deletes that file unless <see cref="Keep"/> is set.
    /// </summary>
    public static EngineInput Prepare(string modelPath, Model model, TargetProfile target, Precision precision, ModelRewriter rewrite, string? copyPath = null)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        ArgumentNullException.ThrowIfNull(model);
        if (EnginePlanner.RequiredConversion(target, precision, ModelFacts.Inspect(model, sparsity: false)) is not { } conversion)
        {
            return new EngineInput(modelPath, null);
        }

        rewrite(model, conversion);
        if (copyPath is not null)
        {
            ModelWriter.Save(model, copyPath);
            return new EngineInput(copyPath, conversion, ownsFolder: false);
        }

        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"onnxopt-{target.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, "model.fp16.onnx");
        try
        {
            ModelWriter.Save(model, path);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new EngineInput(path, conversion);
    }

    public void Dispose()
    {
        if (Conversion is null || Keep)
        {
            return;
        }

        if (_ownsFolder)
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        else
        {
            File.Delete(Path);
        }
    }
}
