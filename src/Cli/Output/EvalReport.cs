using System.Globalization;
using System.Text.Json.Nodes;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Metrics;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Driver;
using Spectre.Console;

namespace OnnxOpt.Cli.Output;

/// <summary>The output of <c>eval</c>: one Spectre table of all models (with Δ against the first), or JSON.</summary>
public static class EvalReport
{
    public static void WriteText(IAnsiConsole console, TableBorder border, string data, DetectionDataset dataset, IReadOnlyList<string> models, IReadOnlyList<EvaluationResult> results, bool perClass)
    {
        var first = results[0].Metrics;
        console.WriteLine($"data: {data} ({dataset.Format.ToString().ToUpperInvariant()}, {first.Images} images, {first.Instances} objects)");
        var table = new Table().Border(border).Title("COCO box metrics");
        foreach (var (header, right) in new[] { ("model", false), ("input", false), ("mAP50-95", true), ("mAP50", true), ("mAP75", true), ("P", true), ("R", true), ("Δ mAP50-95", true), ("Δ mAP50", true), ("ms/image", true) })
        {
            table.AddColumn(new TableColumn(header) { Alignment = right ? Justify.Right : Justify.Left });
        }

        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var m = r.Metrics;
            table.AddRow(
                Markup.Escape(models[i]),
                $"{r.Model.InputWidth}x{r.Model.InputHeight}",
                F(m.Map50_95),
                F(m.Map50),
                F(m.Map75),
                F(m.Precision),
                F(m.Recall),
                i == 0 ? "-" : Delta(m.Map50_95 - first.Map50_95),
                i == 0 ? "-" : Delta(m.Map50 - first.Map50),
                (r.Timing.Inference.TotalMilliseconds / r.Dataset.Images.Count).ToString("F1", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine("mAP: COCO rules (IoU .50:.05:.95, 101-point precision, 100 detections per image and class); P, R at the best-F1 confidence (IoU .5).");
        if (perClass)
        {
            for (int i = 0; i < results.Count; i++)
            {
                console.Write(PerClassTable(models[i], results[i].Metrics).Border(border));
            }
        }
    }

    private static Table PerClassTable(string model, DetectionMetrics metrics)
    {
        var table = new Table().Title($"per class: {Markup.Escape(model)}");
        foreach (var (header, right) in new[] { ("class", false), ("images", true), ("objects", true), ("AP50-95", true), ("AP50", true), ("P", true), ("R", true) })
        {
            table.AddColumn(new TableColumn(header) { Alignment = right ? Justify.Right : Justify.Left });
        }

        foreach (var c in metrics.PerClass)
        {
            table.AddRow(Markup.Escape(c.Name), I(c.Images), I(c.Instances), F(c.AP50_95), F(c.AP50), F(c.Precision), F(c.Recall));
        }

        return table;
    }

    public static string ToJson(string data, DetectionDataset dataset, EvaluationOptions options, IReadOnlyList<string> models, IReadOnlyList<EvaluationResult> results, IReadOnlyList<string?> predictionFiles)
    {
        var first = results[0].Metrics;
        var list = new JsonArray();
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var m = r.Metrics;
            list.Add((JsonNode)new JsonObject
            {
                ["model"] = models[i],
                ["inputSize"] = new JsonArray(r.Model.InputWidth, r.Model.InputHeight),
                ["metrics"] = MetricsJson(m),
                ["delta"] = new JsonObject { ["map50_95"] = m.Map50_95 - first.Map50_95, ["map50"] = m.Map50 - first.Map50 },
                ["timing"] = new JsonObject
                {
                    ["totalSeconds"] = r.Timing.Total.TotalSeconds,
                    ["inferenceSeconds"] = r.Timing.Inference.TotalSeconds,
                    ["inferenceMsPerImage"] = r.Timing.Inference.TotalMilliseconds / r.Dataset.Images.Count,
                },
                ["perClass"] = new JsonArray(m.PerClass.Select(c => (JsonNode)new JsonObject
                {
                    ["class"] = c.ClassId,
                    ["name"] = c.Name,
                    ["images"] = c.Images,
                    ["instances"] = c.Instances,
                    ["ap50_95"] = c.AP50_95,
                    ["ap50"] = c.AP50,
                    ["precision"] = c.Precision,
                    ["recall"] = c.Recall,
                }).ToArray()),
                ["predictions"] = predictionFiles[i],
            });
        }

        var root = new JsonObject
        {
            ["data"] = data,
            ["format"] = dataset.Format.ToString().ToLowerInvariant(),
            ["images"] = first.Images,
            ["instances"] = first.Instances,
            ["options"] = new JsonObject
            {
                ["conf"] = options.Detection.Confidence,
                ["iou"] = options.Detection.IouThreshold,
                ["maxDet"] = options.Detection.MaxDetections,
                ["imgsz"] = options.ImageSize,
            },
            ["models"] = list,
        };
        return ReportJson.Serialize(root);
    }

    private static JsonObject MetricsJson(DetectionMetrics m) => new()
    {
        ["map50_95"] = m.Map50_95,
        ["map50"] = m.Map50,
        ["map75"] = m.Map75,
        ["mapSmall"] = m.MapSmall,
        ["mapMedium"] = m.MapMedium,
        ["mapLarge"] = m.MapLarge,
        ["averageRecall"] = m.AverageRecall,
        ["ar1"] = m.Recalls.At1,
        ["ar10"] = m.Recalls.At10,
        ["ar100"] = m.Recalls.At100,
        ["arSmall"] = m.Recalls.Small,
        ["arMedium"] = m.Recalls.Medium,
        ["arLarge"] = m.Recalls.Large,
        ["precision"] = m.Precision,
        ["recall"] = m.Recall,
        ["f1"] = m.F1,
        ["bestF1Confidence"] = m.BestF1Confidence,
    };

    private static string F(double value) => value < 0 ? "-" : value.ToString("F4", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Delta(double value) => value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
