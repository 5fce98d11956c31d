using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Backends.OnnxRuntime.Pruning;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Passes.Transforms.Quantization;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>The `--calibration-data PATH` / `--calibration-limit N` / `--calibration-seed N` options of optimize, batch and sweep.</summary>
public sealed class CalibrationArguments
{
    public Option<string?> Data { get; } = new("--calibration-data") { Description = "Calibration inputs for quantize-int8 and prune-channels (criterion=activation/variance, reconstruct=true): a folder (or file) of images, .npy or .pb tensors.", HelpName = "PATH" };

    public Option<int> Limit { get; } = new("--calibration-limit") { Description = "Use at most N calibration files, picked by a seeded shuffle (default 32; 0: all).", HelpName = "N", DefaultValueFactory = _ => 32 };

    public Option<int> Seed { get; } = new("--calibration-seed") { Description = "Seed of the calibration file sampling.", HelpName = "N" };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Limit);
        command.Options.Add(Seed);
    }

    /// <summary>The ONNX Runtime statistics provider for the given data, or null when no --calibration-data was given.</summary>
    public IActivationStatisticsProvider? Provider(ParseResult result)
    {
        int limit = result.GetValue(Limit);
        if (limit < 0)
        {
            throw new UsageException("--calibration-limit must not be negative");
        }

        if (result.GetValue(Data) is not { } path)
        {
            return null;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UsageException($"--calibration-data: '{path}' does not exist");
        }

        return OrtActivationStatisticsProvider.FromPath(path, limit, result.GetValue(Seed), LoadImage);
    }

    /// <summary>The same --calibration-data for prune-channels' data-driven criteria and reconstruction; null when none was given.</summary>
    public OrtChannelCalibration? ChannelCalibration(ParseResult result) =>
        Provider(result) is null ? null
            : new OrtChannelCalibration(result.GetValue(Data)!, result.GetValue(Limit), result.GetValue(Seed), LoadImage);

    /// <summary>Ultralytics letterbox preprocessing, the same the `eval` command feeds the model.</summary>
    public static Graph.IR.Tensor LoadImage(string path, int width, int height) => new ImagePreprocessor(width, height).Load(path).ToTensor();
}
