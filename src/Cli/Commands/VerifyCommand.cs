using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Safety;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Driver;
using Spectre.Console;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt verify ORIGINAL CANDIDATE</c>: runs both models in ONNX Runtime on the same seeded inputs and compares
/// every output. Exit 0 when equivalent (no element has both its absolute error over atol and its relative error
/// over rtol), 1 when not.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var original = new Argument<string>("ORIGINAL") { Description = "The reference model." };
        var candidate = new Argument<string>("CANDIDATE") { Description = "The model to check against it." };
        CliOptions.RejectOptionLikeValues(original);
        CliOptions.RejectOptionLikeValues(candidate);
        var seed = new Option<int>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 1 };
        var samples = new Option<int>("--samples") { Description = "How many random input sets to compare.", DefaultValueFactory = _ => 1 };
        var atol = new Option<double>("--atol") { Description = "Absolute tolerance.", DefaultValueFactory = _ => 1e-5 };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance.", DefaultValueFactory = _ => 1e-4 };
        var min = new Option<double>("--min") { Description = "Lowest random input value.", DefaultValueFactory = _ => 0 };
        var max = new Option<double>("--max") { Description = "Highest random input value.", DefaultValueFactory = _ => 1 };
        var dims = new Option<string[]>("--dim") { Description = "Size of a symbolic dim, e.g. --dim height=640 (repeatable).", HelpName = "NAME=SIZE" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("verify", "Check that two models compute the same outputs in ONNX Runtime.")
        {
            original, candidate, seed, samples, atol, rtol, min, max, dims, json,
        };
        command.SetAction(result =>
        {
            int sampleCount = result.GetValue(samples);
            double a = NumberArguments.NonNegative(result.GetValue(atol), "--atol"), r = NumberArguments.NonNegative(result.GetValue(rtol), "--rtol");
            double low = NumberArguments.Finite(result.GetValue(min), "--min"), high = NumberArguments.Finite(result.GetValue(max), "--max");
            if (sampleCount < 1 || low > high)
            {
                throw new UsageException("--samples must be at least 1 and --min not above --max");
            }

            var comparer = new ModelComparer
            {
                Atol = a,
                Rtol = r,
                Samples = sampleCount,
                Inputs = new InputGenerator { Seed = result.GetValue(seed), Min = result.GetValue(min), Max = result.GetValue(max), Dims = ParseDims(result.GetValue(dims) ?? []) },
            };
            var context = CliContext.From(result);
            string originalPath = result.GetRequiredValue(original), candidatePath = result.GetRequiredValue(candidate);
            if (!IsolatedRun.InChild && Hazard(originalPath, candidatePath) is { } hazard)
            {
                return IsolatedRun.Rerun(context, result, hazard);
            }

            return Run(context, originalPath, candidatePath, comparer, result.GetValue(json));
        });
        return command;
    }

    /// <summary>The first node of either model that could crash ONNX Runtime natively; such runs go to a child process.</summary>
    private static string? Hazard(params string[] paths) =>
        paths.SelectMany(p => NativeHazards.Find(ModelReader.Load(p)).Select(h => $"{Path.GetFileName(p)}: {h}")).FirstOrDefault();

    public static Dictionary<string, long> ParseDims(IEnumerable<string> specs)
    {
        var dims = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !long.TryParse(spec[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long size) || size < 1)
            {
                throw new UsageException($"--dim '{spec}': expected NAME=SIZE with a positive size");
            }

            dims[spec[..eq]] = size;
        }

        return dims;
    }

    private static int Run(CliContext context, string originalPath, string candidatePath, ModelComparer comparer, bool json)
    {
        var reference = ModelReader.Load(originalPath);
        ComparisonReport report;
        try
        {
            using var referenceRunner = new OrtRunner(originalPath);
            using var candidateRunner = new OrtRunner(candidatePath);
            report = comparer.Compare(reference, referenceRunner, candidateRunner);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }

        if (json)
        {
            context.Out.WriteLine(ReportJson.Serialize(ToJson(report)));
        }
        else
        {
            var table = new Table().Border(TerminalConsole.Border(context)).Title($"{Markup.Escape(candidatePath)} vs {Markup.Escape(originalPath)}");
            foreach (var column in new[] { "output", "elements", "max abs", "max rel", "mean abs", "cosine", "mismatches", "verdict" })
            {
                table.AddColumn(column);
            }

            foreach (var o in report.Outputs)
            {
                table.AddRow(Markup.Escape(o.Name), Units.Count(o.Elements), G(o.MaxAbsError), G(o.MaxRelError), G(o.MeanAbsError), o.Cosine.ToString("0.######", CultureInfo.InvariantCulture), Units.Count(o.Mismatches), o.Passed ? "ok" : Markup.Escape(o.Problem ?? "differs"));
            }

            TerminalConsole.Create(context).Write(table);
            context.Out.WriteLine(report.Passed
                ? $"equivalent (atol {G(report.Atol)}, rtol {G(report.Rtol)}, {report.Samples} sample(s))"
                : $"NOT equivalent (atol {G(report.Atol)}, rtol {G(report.Rtol)}, {report.Samples} sample(s))");
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }

    public static JsonObject ToJson(ComparisonReport report) => new()
    {
        ["equivalent"] = report.Passed,
        ["atol"] = report.Atol,
        ["rtol"] = report.Rtol,
        ["samples"] = report.Samples,
        ["outputs"] = new JsonArray(report.Outputs.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name,
            ["elements"] = o.Elements,
            ["maxAbsError"] = Finite(o.MaxAbsError),
            ["maxRelError"] = Finite(o.MaxRelError),
            ["meanAbsError"] = Finite(o.MeanAbsError),
            ["cosine"] = Finite(o.Cosine),
            ["mismatches"] = o.Mismatches,
            ["passed"] = o.Passed,
            ["problem"] = o.Problem,
        }).ToArray()),
    };

    private static JsonValue Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static string G(double value) => value.ToString("g4", CultureInfo.InvariantCulture);
}
