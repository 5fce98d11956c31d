using System.Diagnostics;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `coco-metrics [--images N] [--detections N] [--rounds N]`: times <see cref="CocoEvaluator"/> on a synthetic
/// COCO-like set (80 classes, 1 to 15 objects per 640x480 image, N detections per image: jittered copies of the
/// objects plus stray boxes, scores spread over (0, 1)). Reports wall and process CPU time of every round and their medians (CPU time is the fairer number on a shared machine).
/// </summary>
public static class CocoMetricsScaling
{
    public static int Run(string[] args)
    {
        int images = Option(args, "--images", 5000);
        int perImage = Option(args, "--detections", 300);
        int rounds = Option(args, "--rounds", 5);
        var (truths, detections) = Synthetic(images, perImage, seed: 7);
        Console.WriteLine($"{images} images, {truths.Sum(t => t.Count)} objects, {detections.Sum(d => d.Count)} detections, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var names = Enumerable.Range(0, 80).Select(i => $"c{i}").ToList();
        var times = new List<double>();
        var cpuTimes = new List<double>();
        DetectionMetrics? metrics = null;
        for (int round = -1; round < rounds; round++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            metrics = CocoEvaluator.Evaluate(truths, detections, names);
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            if (round >= 0)
            {
                times.Add(clock.Elapsed.TotalSeconds);
                cpuTimes.Add(cpu.TotalSeconds);
                Console.WriteLine($"round {round + 1}: {clock.Elapsed.TotalSeconds:F3} s wall, {cpu.TotalSeconds:F3} s CPU (all threads)");
            }
        }

        times.Sort();
        cpuTimes.Sort();
        Console.WriteLine($"wall median {times[times.Count / 2]:F3} s, min {times[0]:F3} s; CPU median {cpuTimes[cpuTimes.Count / 2]:F3} s (mAP50-95 {metrics!.Map50_95:F4}, mAP50 {metrics.Map50:F4})");
        return 0;
    }

    public static (List<IReadOnlyList<GroundTruthBox>> Truths, List<IReadOnlyList<Detection>> Detections) Synthetic(int images, int perImage, int seed)
    {
        var random = new Random(seed);
        var truths = new List<IReadOnlyList<GroundTruthBox>>(images);
        var detections = new List<IReadOnlyList<Detection>>(images);
        for (int i = 0; i < images; i++)
        {
            var objects = new List<GroundTruthBox>();
            for (int k = random.Next(1, 16); k > 0; k--)
            {
                float w = random.Next(4, 400), h = random.Next(4, 300), x = random.Next(0, 640 - (int)w), y = random.Next(0, 480 - (int)h);
                objects.Add(new GroundTruthBox(Math.Min(79, (int)(random.NextDouble() * random.NextDouble() * 80)), x, y, x + w, y + h, IsCrowd: random.Next(100) == 0));
            }

            var found = new List<Detection>(perImage);
            while (found.Count < perImage)
            {
                if (random.Next(3) == 0)
                {
                    var o = objects[random.Next(objects.Count)];
                    float dx = (float)((random.NextDouble() - 0.5) * 0.3 * (o.X2 - o.X1)), dy = (float)((random.NextDouble() - 0.5) * 0.3 * (o.Y2 - o.Y1));
                    int cls = random.Next(5) == 0 ? random.Next(80) : o.ClassId;
                    found.Add(new Detection(cls, random.NextSingle(), o.X1 + dx, o.Y1 + dy, o.X2 + dx, o.Y2 + dy));
                }
                else
                {
                    float w = random.Next(2, 300), h = random.Next(2, 300), x = random.Next(0, 640), y = random.Next(0, 480);
                    found.Add(new Detection(random.Next(80), random.NextSingle() * 0.3f, x, y, x + w, y + h));
                }
            }

            truths.Add(objects);
            detections.Add(found);
        }

        return (truths, detections);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }
}
