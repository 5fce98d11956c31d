using System.CommandLine;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt convert MODEL -o OUT [--external-data] [--external-data-threshold BYTES]</c>: load, verify and save a
/// model, optionally moving its weights to an external data file. The output is written through a temporary
/// file and a rename, and never onto the input or the input's external data.
/// </summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The .onnx file to convert." };
        CliOptions.RejectOptionLikeValues(model);
        var output = new Option<string>("--output", "-o") { Description = "Where to write the model.", Required = true };
        var external = new Option<bool>("--external-data") { Description = "Store weights in OUT.data beside the model (needed past protobuf's 2 GB limit)." };
        var threshold = new Option<long?>("--external-data-threshold")
        {
            Description = "With --external-data: tensors smaller than this many bytes stay inline (default 1024).",
            HelpName = "BYTES",
        };
        var command = new Command("convert", "Load, verify and save a model, optionally with external data.")
        {
            model,
            output,
            external,
            threshold,
        };
        command.SetAction(result => Run(
            CliContext.From(result),
            result.GetRequiredValue(model),
            result.GetRequiredValue(output),
            result.GetValue(external),
            result.GetValue(threshold)));
        return command;
    }

    private static int Run(CliContext context, string input, string output, bool external, long? threshold)
    {
        if (threshold is not null && !external)
        {
            throw new UsageException("--external-data-threshold needs --external-data");
        }

        if (threshold is < 0)
        {
            throw new UsageException($"--external-data-threshold must not be negative (got {threshold})");
        }

        OutputPaths.Check([input], [new OutputTarget(output, "output")]);
        var model = ModelReader.Load(input);
        var inputs = InputFiles.Of(input, model);
        OutputPaths.Check(inputs, [new OutputTarget(output, "output")]);
        GraphVerifier.ThrowIfInvalid(model);
        if (context.Verbose)
        {
            foreach (var warning in GraphVerifier.Verify(model).Where(d => !d.IsError))
            {
                context.Error.WriteLine(warning.ToString());
            }
        }

        // The data file gets a name no existing file has (see DataFileNames), so it never lands on an input's data.
        var options = new WriteOptions { ExternalData = external, ExternalDataThreshold = threshold ?? WriteOptions.Default.ExternalDataThreshold, KeepFiles = inputs };
        IReadOnlyList<string> written;
        using (var pending = ModelWriter.SavePending(model, output, options))
        {
            written = pending.Destinations;
            pending.Commit();
        }

        string modelFile = written[^1];
        context.Out.WriteLine(written.Count == 1
            ? $"wrote {output} ({Units.Bytes(new FileInfo(modelFile).Length)})"
            : $"wrote {output} ({Units.Bytes(new FileInfo(modelFile).Length)}) and {Path.Combine(Path.GetDirectoryName(output) ?? string.Empty, Path.GetFileName(written[0]))} ({Units.Bytes(new FileInfo(written[0]).Length)})");
        return ExitCodes.Success;
    }
}
