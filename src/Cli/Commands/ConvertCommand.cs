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

        var options = new WriteOptions { ExternalData = external, ExternalDataThreshold = threshold ?? WriteOptions.Default.ExternalDataThreshold };
        // ModelWriter puts the data beside the model as "<file name>.data".
        string? dataFile = external ? output + ".data" : null;
        var written = dataFile is null ? new[] { output } : [output, dataFile];
        RefuseToOverwrite(written, [input]);

        var model = ModelReader.Load(input);
        RefuseToOverwrite(written, ExternalFiles(model));
        GraphVerifier.ThrowIfInvalid(model);
        if (context.Verbose)
        {
            foreach (var warning in GraphVerifier.Verify(model).Where(d => !d.IsError))
            {
                context.Error.WriteLine(warning.ToString());
            }
        }

        ModelWriter.Save(model, output, options);

        context.Out.WriteLine(dataFile is null
            ? $"wrote {output} ({Units.Bytes(new FileInfo(output).Length)})"
            : $"wrote {output} ({Units.Bytes(new FileInfo(output).Length)}) and {dataFile} ({Units.Bytes(new FileInfo(dataFile).Length)})");
        return ExitCodes.Success;
    }

    private static IEnumerable<string> ExternalFiles(Model model) =>
        model.Graph.AllGraphs().SelectMany(g => g.Initializers).Select(v => v.ConstValue!.External?.FullPath).OfType<string>().Distinct();

    private static void RefuseToOverwrite(IEnumerable<string> outputs, IEnumerable<string> inputs)
    {
        var inputList = inputs.ToList();
        foreach (string target in outputs)
        {
            if (inputList.FirstOrDefault(i => PathIdentity.Same(i, target)) is { } clash)
            {
                throw new UsageException($"refusing to overwrite the input: '{target}' is '{clash}'");
            }
        }
    }
}
