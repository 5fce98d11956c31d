using System.Globalization;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit.Abstractions;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning;

/// <summary>
/// How far pruning moves yolov8n's output, with the statistics `onnxopt verify` reports (OutputComparer: max/mean
/// absolute error, cosine) on seeded uniform [0,1] noise and on the two Ultralytics sample images letterboxed to 640. Prints a markdown table (run with a detailed
/// console logger) whose rows are recorded in docs/benchmarks.md.
/// </summary>
public sealed class PrunedOutputStatisticsTests(ITestOutputHelper output)
{
    private static readonly string[] Configurations =
    [
        "amount=0.05", "amount=0.1", "amount=0.2",
        "amount=0.05 scope=global", "amount=0.1 scope=global", "amount=0.2 scope=global",
        "pattern=2:4",

        // The DFL Conv's weights are the fixed ramp 0..15 that decodes box distances, not learned weights.
        "amount=0.2 exclude=/dfl/", "amount=0.2 scope=global exclude=/dfl/", "pattern=2:4 exclude=/dfl/",
    ];

    [SkippableFact]
    public void Yolov8n_output_change_grows_with_the_amount()
    {
        string? path = SharedData.UltralyticsModel("yolov8n.onnx");
        string? bus = SharedData.Find(Path.Combine("images", "bus.jpg"));
        string? zidane = SharedData.Find(Path.Combine("images", "zidane.jpg"));
        Skip.If(path is null || bus is null || zidane is null, SharedData.MissingMessage);

        var original = ModelReader.Load(path);
        var images = new[] { bus, zidane }.Select(p => new Dictionary<string, Tensor> { ["images"] = new ImagePreprocessor(640).Load(p).ToTensor() }).ToList();
        using var reference = new OrtRunner(original);
        var expected = images.Select(i => reference.Run(i)["output0"]).ToList();
        // ModelComparer's statistics on uniform [0,1] noise, with the noise drawn here from a fixed seed so the numbers
        // are the same in every process (InputGenerator's seed goes through the per-process randomised HashCode).
        var random = new Random(1);
        var noise = new Dictionary<string, Tensor> { ["images"] = Tensor.Create(Enumerable.Range(0, 3 * 640 * 640).Select(_ => random.NextSingle()).ToArray(), 1, 3, 640, 640) };
        var noiseExpected = reference.Run(noise)["output0"];
        output.WriteLine("| pruning | Conv sparsity | random: max abs | random: mean abs | random: cosine | images: max abs | images: mean abs | images: cosine | images, boxes: mean abs | images, scores: max abs | images, scores: mean abs | bus: anchors > 0.25 |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        // The unpruned model against itself in a second session: ONNX Runtime's own run-to-run noise, the floor of every row.
        using (var second = new OrtRunner(original))
        {
            var floor = OutputComparer.Compare("output0", noiseExpected, second.Run(noise)["output0"], 1e-3, 1e-3);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| none (ORT noise) | {Sparsity(original)} | {floor.MaxAbsError:G4} | {floor.MeanAbsError:G4} | {floor.Cosine:F6} | 0 | 0 | 1 | 0 | 0 | 0 | {Confident(expected[0])} |"));
        }

        var meanAbs = new Dictionary<string, double>();
        foreach (string configuration in Configurations)
        {
            var pruned = ModelReader.Load(path);
            var report = PipelineRunner.Run(pruned, $"prune-conv-l1{{{configuration}}}");
            using var runner = new OrtRunner(pruned);
            var onNoise = OutputComparer.Compare("output0", noiseExpected, runner.Run(noise)["output0"], 1e-3, 1e-3);
            var actual = images.Select(i => runner.Run(i)["output0"]).ToList();
            var real = Merge(expected, actual, 0, 84);
            var boxes = Merge(expected, actual, 0, 4);
            var scores = Merge(expected, actual, 4, 84);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {configuration} | {report.Runs[0].Statistics.Get("sparsity"):P2} | {onNoise.MaxAbsError:G4} | {onNoise.MeanAbsError:G4} | {onNoise.Cosine:F6} | {real.MaxAbsError:G4} | {real.MeanAbsError:G4} | {real.Cosine:F6} | {boxes.MeanAbsError:G4} | {scores.MaxAbsError:G4} | {scores.MeanAbsError:G4} | {Confident(actual[0])} |"));

            Assert.Equal(report.Changed, onNoise.MaxAbsError > 0);
            Assert.InRange(real.Cosine, 0.5, 1);
            meanAbs[configuration] = onNoise.MeanAbsError;
        }

        // The zeroed sets are nested (a larger amount zeroes a superset), so the output moves further with the amount.
        Assert.True(meanAbs["amount=0.05"] <= meanAbs["amount=0.1"] && meanAbs["amount=0.1"] < meanAbs["amount=0.2"]);
        Assert.True(meanAbs["amount=0.05 scope=global"] <= meanAbs["amount=0.1 scope=global"] && meanAbs["amount=0.1 scope=global"] < meanAbs["amount=0.2 scope=global"]);
    }

    /// <summary>Statistics over rows [from, to) of output0 ([1,84,8400]: 4 box rows, then 80 class-score rows), merged over the images.</summary>
    private static OutputStatistics Merge(List<Tensor> expected, List<Tensor> actual, int from, int to) =>
        OutputComparer.Merge(expected.Zip(actual).Select(p => OutputComparer.Compare("output0", Rows(p.First, from, to), Rows(p.Second, from, to), 1e-3, 1e-3)).ToList());

    private static Tensor Rows(Tensor output0, int from, int to)
    {
        int anchors = (int)output0.Dims[2];
        return Tensor.Create(output0.ToArray<float>().AsSpan(from * anchors, (to - from) * anchors), 1, to - from, anchors);
    }

    private static string Sparsity(Model model)
    {
        var weights = PruneModels.ConvWeights(model).Values.ToList();
        return ((double)weights.Sum(PruneModels.Zeros) / weights.Sum(w => w.ElementCount)).ToString("P2", CultureInfo.InvariantCulture);
    }

    /// <summary>Anchors whose best class score exceeds 0.25, a rough count of what a detector would keep before NMS.</summary>
    private static int Confident(Tensor output0)
    {
        var values = output0.ToArray<float>();
        int anchors = (int)output0.Dims[2];
        int count = 0;
        for (int a = 0; a < anchors; a++)
        {
            float best = 0;
            for (int c = 4; c < output0.Dims[1]; c++)
            {
                best = Math.Max(best, values[(c * anchors) + a]);
            }

            count += best > 0.25f ? 1 : 0;
        }

        return count;
    }
}
