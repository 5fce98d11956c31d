using System.Diagnostics;
using System.Globalization;
using OnnxOpt.Backends.OnnxRuntime.Pruning;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning.Channels;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `prune-channels-timing MODEL [CALIBRATION_DIR] [--runs N] [--pipeline TEXT]`: wall time of the `prune-channels` pass
/// without calibration (median and minimum of N runs on fresh copies of the model, stages timed separately: shape
/// inference and dependency analysis, scoring, selection), then, with a calibration folder, one run with
/// reconstruct=true on at most 32 of its images (the least-squares refit, ONNX Runtime runs included).
/// </summary>
public static class PruneChannelsTiming
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("error: usage: prune-channels-timing MODEL [CALIBRATION_DIR] [--runs N] [--pipeline TEXT]");
            return 2;
        }

        int runs = int.Parse(Value(args, "--runs") ?? "15", CultureInfo.InvariantCulture);
        string text = Value(args, "--pipeline") ?? "prune-channels{target-flops=0.25}";
        var bytes = File.ReadAllBytes(args[0]);
        Console.WriteLine($"model: {args[0]}; pipeline: {text}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        var pass = new List<double>();
        var analysis = new List<double>();
        for (int i = 0; i < runs + 2; i++)
        {
            var model = ModelReader.Load(bytes);
            _ = model.Graph.Initializers.Sum(v => v.ConstValue!.Bytes.Length);
            var start = Stopwatch.GetTimestamp();
            _ = ChannelAnalyzer.Analyze(model, ChannelAnalyzer.Protection(model, string.Empty, string.Empty, protectHead: true));
            double analysed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            model = ModelReader.Load(bytes);
            _ = model.Graph.Initializers.Sum(v => v.ConstValue!.Bytes.Length);
            var report = new PassManager(PipelineRunner.Parse(text)).Run(model, new PassContext());
            if (i >= 2)
            {
                analysis.Add(analysed);
                pass.Add(report.Runs[0].Elapsed.TotalMilliseconds);
            }
        }

        Stages(bytes);
        Console.WriteLine($"pass (no calibration): median {Median(pass):F1} ms, min {pass.Min():F1} ms over {runs} runs; of which analysis alone: median {Median(analysis):F1} ms");
        if (args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal))
        {
            var model = ModelReader.Load(bytes);
            var calibration = new OrtChannelCalibration(args[1], 32, 0, (path, w, h) => new ImagePreprocessor(w, h).Load(path).ToTensor());
            var start = Stopwatch.GetTimestamp();
            var report = new PassManager(PipelineRunner.Parse(text.Replace("}", " reconstruct=true}", StringComparison.Ordinal))).Run(model, new PassContext { ChannelCalibration = calibration });
            Console.WriteLine($"pass with reconstruct=true on {calibration.SampleCount} calibration images: {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s, {report.Runs[0].Statistics.Get("convs-refit")} Convs refitted");
        }

        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>The pass's stages timed one by one on a fresh copy (after the runs above, so the code is warm).</summary>
    private static void Stages(byte[] bytes)
    {
        var model = ModelReader.Load(bytes);
        _ = model.Graph.Initializers.Sum(v => v.ConstValue!.Bytes.Length);
        var start = Stopwatch.GetTimestamp();
        double Lap()
        {
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            return ms;
        }

        var analysis = ChannelAnalyzer.Analyze(model, ChannelAnalyzer.Protection(model, string.Empty, string.Empty, protectHead: true));
        double analyse = Lap();
        var scores = ChannelImportance.Score(analysis, ChannelCriterion.L2);
        double score = Lap();
        ChannelSelection selection = ChannelSelection.None;
        var selector = new ChannelSelector(analysis, scores);
        var cost = new ConvCostModel(analysis);
        for (int i = 0; i < 21; i++)
        {
            selection = selector.Select(0.11, global: true, 8, 0.5);
            _ = cost.Of(selection.RemovedRoots);
        }

        double select = Lap();
        ChannelSurgery.Apply(model, analysis, selection.RemovedRoots);
        double surgery = Lap();
        Console.WriteLine($"stages: analysis {analyse:F1} ms, scoring {score:F1} ms, ranking + 21 selections + costs {select:F1} ms, surgery {surgery:F1} ms");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
