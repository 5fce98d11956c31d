using System.Diagnostics;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `eval-overhead [--rounds N] [--limit N]`: the whole <see cref="DetectionEvaluator"/> run of yolov8n on coco128-dev
/// (model load, session, decoding, letterboxing, inference, NMS, metrics) against ONNX Runtime inference alone
/// (the same session options, the same images letterboxed beforehand, only <c>Run</c> timed), in interleaved rounds
/// (alone, eval, alone, eval, ...) so that the shared machine's drift lands on both sides. Reports wall and process CPU time per round and their ratios; on a shared, overloaded machine the CPU ratio is the steadier number.
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
        var inputs = dataset.Images.Select(i => preprocessor.Load(i.Path).Pixels).ToList();
        Console.WriteLine($"yolov8n.onnx on {dataset.Images.Count} coco128-dev images, {rounds} interleaved rounds; {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| round | alone wall s | alone CPU s | eval wall s | eval CPU s | eval inference s | session s | gen2 GCs | wall ratio | CPU ratio | mAP50-95 |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var wallRatios = new List<double>();
        var cpuRatios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var (alone, aloneCpu) = InferenceAlone(model, description.InputName, [1, 3, description.InputHeight, description.InputWidth], inputs);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            int gen2Before = GC.CollectionCount(2);
            var result = new DetectionEvaluator().Evaluate(model, dataset);
            double evalCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            double total = result.Timing.Total.TotalSeconds;
            wallRatios.Add(total / alone);
            cpuRatios.Add(evalCpu / aloneCpu);
            Console.WriteLine($"| {round} | {alone:F2} | {aloneCpu:F2} | {total:F2} | {evalCpu:F2} | {result.Timing.Inference.TotalSeconds:F2} | {result.Timing.SessionLoad.TotalSeconds:F2} | {GC.CollectionCount(2) - gen2Before} | {total / alone:F3} | {evalCpu / aloneCpu:F3} | {result.Metrics.Map50_95:F4} |");
        }

        wallRatios.Sort();
        cpuRatios.Sort();
        Console.WriteLine($"median wall ratio {wallRatios[wallRatios.Count / 2]:F3}, median CPU ratio {cpuRatios[cpuRatios.Count / 2]:F3}; load average after {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>
    /// Wall time of the Run calls only, and the process CPU time they took (ONNX Runtime's threads included). The runs
    /// go through the same zero-copy <see cref="OrtRunner.Run{T}(string, T[], long[], string, OrtOutputReader)"/> as
    /// the evaluation, with an output reader that does nothing, so only ONNX Runtime's own work is timed.
    /// </summary>
    private static (double Wall, double Cpu) InferenceAlone(string model, string inputName, long[] shape, List<float[]> inputs)
    {
        using var runner = new OrtRunner(model, OrtRunOptions.Default);
        string output = runner.OutputNames[0];
        var clock = new Stopwatch();
        var cpu = TimeSpan.Zero;
        foreach (var input in inputs)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Start();
            runner.Run(inputName, input, shape, output, static (_, _, _) => { });
            clock.Stop();
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }

        return (clock.Elapsed.TotalSeconds, cpu.TotalSeconds);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }
}
