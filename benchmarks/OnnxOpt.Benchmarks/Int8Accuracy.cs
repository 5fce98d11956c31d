using System.Globalization;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `int8-accuracy DATASET MODEL...`: COCO mAP of each model on a YOLO-format dataset with the evaluation library's
/// DetectionEvaluator (the `eval` command's), printed as one table row per model, with the difference to the first.
/// </summary>
public static class Int8Accuracy
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("error: usage: int8-accuracy DATASET MODEL [MODEL...]");
            return 2;
        }

        Console.WriteLine($"dataset: {args[0]}");
        Console.WriteLine("| model | mAP50-95 | mAP50 | Δ mAP50-95 (points) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        double? first = null;
        foreach (var path in args.Skip(1))
        {
            var model = ModelReader.Load(path);
            var names = Evaluation.Decoding.UltralyticsMetadata.Read(model).Names;
            var dataset = DetectionDataset.Open(args[0], names);
            var metrics = new DetectionEvaluator().Evaluate(path, dataset).Metrics;
            first ??= metrics.Map50_95;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(path)} | {metrics.Map50_95 * 100:F2} | {metrics.Map50 * 100:F2} | {(metrics.Map50_95 - first.Value) * 100:+0.00;-0.00;0.00} |"));
        }

        return 0;
    }
}
