using System.Globalization;
using System.Text.Json.Nodes;
using OnnxOpt.Cli.Commands;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Verification;
using OnnxOpt.Driver;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>Runs <c>verify --images</c> and prints its two answers: element-wise statistics and the detection-level verdict.</summary>
public static class VerifyImagesOutput
{
    public static int Run(CliContext context, string originalPath, string candidatePath, string folder, ImageVerifier verifier, bool json)
    {
        ImageVerificationReport report;
        try
        {
            report = verifier.Verify(originalPath, candidatePath, folder);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }

        var detections = report.Detections;
        if (json)
        {
            var document = VerifyCommand.ToJson(report.Outputs);
            document["equivalent"] = detections.Equivalent;
            document["tensorEquivalent"] = report.Outputs.Passed;
            document["images"] = detections.Images.Count;
            document["toleranceAdvice"] = VerifyCommand.AdviceJson(report.Advice);
            document["detections"] = ToJson(detections);
            context.Out.WriteLine(ReportJson.Serialize(document));
            return detections.Equivalent ? ExitCodes.Success : ExitCodes.Failure;
        }

        var outputs = report.Outputs;
        context.Out.WriteLine($"{candidatePath} vs {originalPath} on {detections.Images.Count} image(s), letterboxed to {report.InputWidth}x{report.InputHeight}");
        VerifyCommand.WriteTable(context, outputs, "outputs");
        context.Out.WriteLine(outputs.Passed
            ? $"tensors: equivalent ({VerifyCommand.Criterion(outputs)})"
            : $"tensors: differ beyond {VerifyCommand.Criterion(outputs)} (worst cosine {Worst(outputs)})");
        if (report.Advice.IsLoosened)
        {
            context.Out.WriteLine($"hint: {report.Advice.Reason}");
        }

        WriteDetectionTable(context, detections);
        var o = detections.Options;
        string basis = $"{detections.Images.Count} image(s), {detections.Matched} detection(s) at conf >= {F(o.Confidence)} matched by class and IoU >= {F(o.MinIou)}, max |Δscore| {F(detections.MaxAbsScoreDelta)}";
        context.Out.WriteLine(detections.Equivalent
            ? $"equivalent at detection level ({basis})"
            : $"NOT equivalent at detection level: {detections.Problem} ({basis})");
        return detections.Equivalent ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void WriteDetectionTable(CliContext context, DetectionAgreement agreement)
    {
        var table = new Table().Border(TerminalConsole.Border(context)).Title("detections");
        foreach (var column in new[] { "image", "reference", "matched", "missing", "extra", "max |Δscore|", "min IoU" })
        {
            table.AddColumn(column);
        }

        foreach (var image in agreement.Images)
        {
            var single = new DetectionAgreement(agreement.Options, [image]);
            int referenceCount = image.Matched.Count(p => p.Reference.Score >= agreement.Options.Confidence) + image.Missing.Count;
            table.AddRow(Markup.Escape(Path.GetFileName(image.Image)), Units.Count(referenceCount), Units.Count(image.Matched.Count), Units.Count(image.Missing.Count), Units.Count(image.Extra.Count), F(single.MaxAbsScoreDelta), F(single.MinIou));
        }

        TerminalConsole.Create(context).Write(table);
    }

    private static JsonObject ToJson(DetectionAgreement agreement) => new()
    {
        ["equivalent"] = agreement.Equivalent,
        ["confidence"] = agreement.Options.Confidence,
        ["scoreMargin"] = agreement.Options.ScoreMargin,
        ["matchIou"] = agreement.Options.MinIou,
        ["maxScoreDelta"] = agreement.Options.MaxScoreDelta,
        ["matched"] = agreement.Matched,
        ["missing"] = agreement.Missing,
        ["extra"] = agreement.Extra,
        ["maxAbsScoreDelta"] = agreement.MaxAbsScoreDelta,
        ["meanAbsScoreDelta"] = agreement.MeanAbsScoreDelta,
        ["minIou"] = agreement.MinIou,
        ["images"] = new JsonArray(agreement.Images.Select(i => (JsonNode)new JsonObject
        {
            ["image"] = i.Image,
            ["matched"] = i.Matched.Count,
            ["missing"] = new JsonArray(i.Missing.Select(DetectionJson).ToArray()),
            ["extra"] = new JsonArray(i.Extra.Select(DetectionJson).ToArray()),
        }).ToArray()),
    };

    private static JsonNode DetectionJson(Detection d) => new JsonObject
    {
        ["class"] = d.ClassId,
        ["score"] = d.Score,
        ["box"] = new JsonArray(d.X1, d.Y1, d.X2, d.Y2),
    };

    private static string Worst(OnnxOpt.Backends.OnnxRuntime.ComparisonReport report) =>
        report.Outputs.Select(o => o.Cosine).DefaultIfEmpty(1).Min().ToString("0.######", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
