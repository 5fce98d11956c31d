using System.Diagnostics;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Evaluation.Running;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `eval-breakdown [--rounds N]`: the per-image CPU cost of each non-inference stage of an evaluation of yolov8n on
/// coco128-dev, every stage run alone on one thread: JPEG decode with EXIF orientation (all 32 bitmaps kept),
/// letterbox of a decoded bitmap into a reused input buffer, decode plus letterbox as the evaluation's producer does
/// it (one image at a time), head decoding of the [1,84,8400] output at conf 0.001 with per-class NMS, mapping boxes
/// to source pixels and COCO metrics; next to one ONNX Runtime <c>Run</c> through the same zero-copy call the
/// evaluation uses. Tells which stage to make cheaper so that it hides behind inference on a machine whose cores
/// ONNX Runtime already keeps busy.
/// </summary>
public static class EvalBreakdown
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 1 && args[0] == "--rounds" && int.TryParse(args[1], out int r) ? r : 3;
        string model = SharedFixture.Require(SharedFixture.YoloV8n);
        string data = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(model)))!, "datasets", "coco128-dev");
        var description = DetectionModel.Describe(ModelReader.Load(model), "yolov8n.onnx");
        var dataset = DetectionDataset.Open(data, description.ClassNames);
        var preprocessor = new ImagePreprocessor(description.InputWidth, description.InputHeight);
        var decoder = new DetectionDecoder(description.ClassNames.Count);
        int n = dataset.Images.Count;
        using var runner = new OrtRunner(model, OrtRunOptions.Default);
        string output = runner.OutputNames[0];
        var inputs = dataset.Images.Select(i => preprocessor.Load(i.Path)).ToList();
        long[] shape = [1, 3, description.InputHeight, description.InputWidth];
        var outputs = inputs.Select(i => runner.Run(new Dictionary<string, Tensor> { [description.InputName] = i.ToTensor() }, [output])[output]).ToList();
        var buffer = new float[preprocessor.ValueCount];
        Console.WriteLine($"yolov8n.onnx, {n} coco128-dev images, {rounds} rounds; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("CPU milliseconds per image (the stage's thread; metrics and ONNX Runtime: the whole process)");
        Console.WriteLine("| round | decode+EXIF | letterbox | decode+letterbox | heads+NMS | to source | metrics | ORT Run |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int round = 1; round <= rounds; round++)
        {
            var bitmaps = new List<SkiaSharp.SKBitmap>();
            double decode = Time(() => bitmaps.AddRange(dataset.Images.Select(i => ImageDecoder.Decode(i.Path))));
            var letterboxed = new List<LetterboxTransform>();
            double letterbox = Time(() => letterboxed.AddRange(bitmaps.Select(b => preprocessor.LetterboxInto(b, buffer))));
            bitmaps.ForEach(b => b.Dispose());
            double load = Time(() => dataset.Images.ToList().ForEach(i => preprocessor.LoadInto(i.Path, buffer)));
            var raw = new List<IReadOnlyList<Detection>>();
            double heads = Time(() => raw.AddRange(outputs.Select(o => decoder.Decode(o.Span<float>(), o.Dims))));
            var mapped = new List<IReadOnlyList<Detection>>();
            double toSource = Time(() => mapped.AddRange(raw.Select((d, i) => (IReadOnlyList<Detection>)d.Select(letterboxed[i].ToSource).ToList())));
            var truths = dataset.Images.Select((img, i) => img.ObjectsInPixels(letterboxed[i].SourceWidth, letterboxed[i].SourceHeight)).ToList();
            double metrics = ProcessTime(() => CocoEvaluator.Evaluate(truths, mapped, description.ClassNames));
            double run = ProcessTime(() => inputs.ForEach(l => runner.Run(description.InputName, l.Pixels, shape, output, static (_, _, _) => { })));
            Console.WriteLine($"| {round} | {decode / n:F2} | {letterbox / n:F2} | {load / n:F2} | {heads / n:F2} | {toSource / n:F2} | {metrics / n:F2} | {run / n:F1} |");
        }

        return 0;
    }

    /// <summary>
    /// CPU milliseconds the calling thread spent in <paramref name="action"/> (CLOCK_THREAD_CPUTIME_ID): on a machine
    /// shared with other work, wall time measures the others' load, the thread's CPU time measures the stage.
    /// Stages that fan out (COCO metrics' Parallel.For) are timed with the process's CPU time instead.
    /// </summary>
    private static double Time(Action action)
    {
        double before = ThreadCpuMilliseconds();
        action();
        return ThreadCpuMilliseconds() - before;
    }

    private static double ProcessTime(Action action)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
    }

    private static double ThreadCpuMilliseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
        return clock_gettime(ThreadCpuClock, out var t) == 0 ? (t.Seconds * 1e3) + (t.Nanoseconds / 1e6) : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
