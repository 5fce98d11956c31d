using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// A command's MODEL argument, read once: the file's model, name and size, or the built-in default (no file, so no
/// size) when the argument was left out. Everything the command needs from the model comes from this one load.
/// </summary>
public sealed record ModelInput(Model Model, string Name, long? Bytes)
{
    /// <summary>Reads <paramref name="path"/>, or builds the default model with a note saying what <paramref name="verb"/> it is for.</summary>
    public static ModelInput Load(CliContext context, string? path, string verb)
    {
        if (path is not null)
        {
            return new ModelInput(ModelReader.Load(path), path, new FileInfo(path).Length);
        }

        context.Error.WriteLine($"note: no MODEL given; {verb} the built-in default, {DefaultModel.Description}");
        return new ModelInput(DefaultModel.Create(), DefaultModel.DisplayName, null);
    }
}
