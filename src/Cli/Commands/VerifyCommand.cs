using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Safety;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Cli.Output;
using OnnxOpt.Evaluation.Verification;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Driver;
using Spectre.Console;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt verify ORIGINAL CANDIDATE [--images DIR]</c>: runs both models in ONNX Runtime on the same inputs and
/// compares every output. Without --images the inputs are seeded noise and the verdict is element-wise (no element
/// has both its absolute error over atol and its relative error over rtol). With --images DIR the inputs are real
/// images letterboxed as the model's metadata says, and detections are matched too: the exit code then follows the
/// detection-level verdict, the right test for float16, pruned and NMS-free models. Exit 0 equivalent, 1 not.
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
        var minCosine = new Option<double?>("--min-cosine") { Description = "Judge each output by cosine similarity (e.g. 0.9999 for float16) instead of --atol/--rtol.", HelpName = "C" };
        var min = new Option<double>("--min") { Description = "Lowest random input value.", DefaultValueFactory = _ => 0 };
        var max = new Option<double>("--max") { Description = "Highest random input value.", DefaultValueFactory = _ => 1 };
        var dims = new Option<string[]>("--dim") { Description = "Size of a symbolic dim, e.g. --dim height=640 (repeatable).", HelpName = "NAME=SIZE" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var images = new VerifyImageOptions();
        var command = new Command("verify", "Check that two models compute the same outputs (or, with --images, the same detections) in ONNX Runtime.")
        {
            original, candidate, seed, samples, atol, rtol, minCosine, min, max, dims, json,
        };
        images.AddTo(command);
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
                MinCosine = result.GetValue(minCosine) is { } c and (< -1 or > 1) ? throw new UsageException("--min-cosine must be between -1 and 1") : result.GetValue(minCosine),
                Inputs = new InputGenerator { Seed = result.GetValue(seed), Min = result.GetValue(min), Max = result.GetValue(max), Dims = ParseDims(result.GetValue(dims) ?? []) },
            };
            var context = CliContext.From(result);
            string originalPath = result.GetRequiredValue(original), candidatePath = result.GetRequiredValue(candidate);
            if (!IsolatedRun.InChild && Hazard(originalPath, candidatePath) is { } hazard)
            {
                return IsolatedRun.Rerun(context, result, hazard);
            }

            if (result.GetValue(images.Images) is { } folder)
            {
                var verifier = new ImageVerifier(images.Options(result, comparer));
                return VerifyImagesOutput.Run(context, originalPath, candidatePath, folder, verifier, result.GetValue(json));
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

        var advice = ToleranceAdvice.For(ModelSummarizer.Summarize(ModelReader.Load(candidatePath)), ModelSummarizer.Summarize(reference));
        if (json)
        {
            var document = ToJson(report);
            document["toleranceAdvice"] = AdviceJson(advice);
            context.Out.WriteLine(ReportJson.Serialize(document));
        }
        else
        {
            WriteTable(context, report, $"{candidatePath} vs {originalPath}");
            context.Out.WriteLine(report.Passed
                ? $"equivalent ({Criterion(report)}, {report.Samples} sample(s))"
                : $"NOT equivalent ({Criterion(report)}, {report.Samples} sample(s))");
            if (!report.Passed && advice.IsLoosened)
            {
                context.Out.WriteLine($"hint: {advice.Reason}; or compare detections on real images with --images DIR");
            }
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The per-output statistics table shared by noise and image verification.</summary>
    public static void WriteTable(CliContext context, ComparisonReport report, string title)
    {
        var table = new Table().Border(TerminalConsole.Border(context)).Title(Markup.Escape(title));
        foreach (var column in new[] { "output", "elements", "max abs", "max rel", "mean abs", "cosine", "mismatches", "verdict" })
        {
            table.AddColumn(column);
        }

        foreach (var o in report.Outputs)
        {
            table.AddRow(Markup.Escape(o.Name), Units.Count(o.Elements), G(o.MaxAbsError), G(o.MaxRelError), G(o.MeanAbsError), o.Cosine.ToString("0.######", CultureInfo.InvariantCulture), Units.Count(o.Mismatches), report.PassedOutput(o) ? "ok" : Markup.Escape(o.Problem ?? "differs"));
        }

        TerminalConsole.Create(context).Write(table);
    }

    public static JsonObject ToJson(ComparisonReport report) => new()
    {
        ["equivalent"] = report.Passed,
        ["atol"] = report.Atol,
        ["rtol"] = report.Rtol,
        ["samples"] = report.Samples,
        ["minCosine"] = report.MinCosine,
        ["outputs"] = new JsonArray(report.Outputs.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name,
            ["elements"] = o.Elements,
            ["maxAbsError"] = Finite(o.MaxAbsError),
            ["maxRelError"] = Finite(o.MaxRelError),
            ["meanAbsError"] = Finite(o.MeanAbsError),
            ["cosine"] = Finite(o.Cosine),
            ["mismatches"] = o.Mismatches,
            ["passed"] = report.PassedOutput(o),
            ["problem"] = o.Problem,
        }).ToArray()),
    };

    /// <summary>What the verdict was judged by, for the verdict line.</summary>
    public static string Criterion(ComparisonReport report) =>
        report.MinCosine is { } c ? $"cosine >= {G(c)}" : $"atol {G(report.Atol)}, rtol {G(report.Rtol)}";

    public static JsonObject AdviceJson(ToleranceAdvice advice) => new()
    {
        ["precision"] = advice.Precision.ToString(),
        ["convSparsity"] = advice.ConvSparsity,
        ["pruned"] = advice.IsPruned,
        ["atol"] = advice.Atol,
        ["rtol"] = advice.Rtol,
        ["minCosine"] = advice.MinCosine,
        ["reason"] = advice.Reason,
    };

    public static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    public static string G(double value) => value.ToString("g4", CultureInfo.InvariantCulture);
}
