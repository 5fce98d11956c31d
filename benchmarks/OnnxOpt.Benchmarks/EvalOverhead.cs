using System.Diagnostics;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `eval-overhead [--rounds N] [--limit N]`: the whole <see cref="DetectionEvaluator"/> run of yolov8n on coco128-dev
/// (model load, session, decoding, letterboxing, inference, NMS, metrics) against ONNX Runtime inference alone
/// (the same session options, the same images letterboxed beforehand, only <c>Run</c> timed), in interleaved rounds
/// (alone, eval, alone, eval, ...) so that the shared machine's drift lands on both sides. Reports the ratio per round.
/// </summary>
public static class EvalOverhead
{
    public static int Run(string[] args)
    {
        int rounds = Option(args, "--rounds", 3);
        int? limit = args.Contains("--limit") ? Option(args, "--limit", 32) : null;
        string model = SharedFixture.Require(SharedFixture.YoloV8n);
        string data = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(model)))! is { } root ? Path.Combine(root, "datasets", "coco128-dev") : "";
        var description = DetectionModel.Describe(ModelReader.Load(model), "yolov8n.onnx");
        var dataset = DetectionDataset.Open(data, description.ClassNames).Take(limit);
        var preprocessor = new ImagePreprocessor(description.InputWidth, description.InputHeight);
        var inputs = dataset.Images.Select(i => preprocessor.Load(i.Path).ToTensor()).ToList();
        Console.WriteLine($"yolov8n.onnx on {dataset.Images.Count} coco128-dev images, {rounds} interleaved rounds; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| round | inference alone s | eval total s | eval inference s | ratio total / alone | mAP50-95 |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        var ratios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            double alone = InferenceAlone(model, inputs);
            var result = new DetectionEvaluator().Evaluate(model, dataset);
            double total = result.Timing.Total.TotalSeconds;
            ratios.Add(total / alone);
            Console.WriteLine($"| {round} | {alone:F2} | {total:F2} | {result.Timing.Inference.TotalSeconds:F2} | {total / alone:F3} | {result.Metrics.Map50_95:F4} |");
        }

        ratios.Sort();
        Console.WriteLine($"median ratio {ratios[ratios.Count / 2]:F3}; load average after {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static double InferenceAlone(string model, List<Tensor> inputs)
    {
        using var runner = new OrtRunner(model, OrtRunOptions.Default);
        string[] outputs = [runner.OutputNames[0]];
        var clock = new Stopwatch();
        foreach (var input in inputs)
        {
            var feeds = new Dictionary<string, Tensor> { ["images"] = input };
            clock.Start();
            runner.Run(feeds, outputs);
            clock.Stop();
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }
}
