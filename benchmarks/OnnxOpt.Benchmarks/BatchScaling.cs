using System.Diagnostics;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `batch-scaling [--rounds N] [--models N] [--preset NAME]`: in-process `BatchOptimizer` with 1 and 2 jobs in
/// interleaved rounds (jobs 1, jobs 2, jobs 1, ...), into an emptied output folder ("fresh") and over the previous
/// round's files ("replace"). Interleaving matters on a shared VM whose speed drifts by 2x over a minute:
/// BenchmarkDotNet runs all iterations of one case before the next, so drift lands on one side of the ratio.
/// Reports median, mean and min per case and the jobs-1 / jobs-2 ratios.
/// </summary>
public static class BatchScaling
{
    public static int Run(string[] args)
    {
        int rounds = Option(args, "--rounds", 30);
        int models = Option(args, "--models", 8);
        string preset = args.SkipWhile(a => a != "--preset").Skip(1).FirstOrDefault() ?? "cleanup";
        string folder = Path.Combine(Path.GetTempPath(), $"onnxopt-batch-scaling-{Environment.ProcessId}");
        try
        {
            var inputs = GeneratedModels.Write(Path.Combine(folder, "in"), models);

            Console.WriteLine($"{models} generated YOLOv8n models ({new FileInfo(inputs[0]).Length:N0} bytes each), preset {preset}, {rounds} rounds after 3 warm-up rounds");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine("| outputs | jobs | median ms | mean ms | min ms |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (bool fresh in new[] { true, false })
            {
                var plan = BatchOptimizer.Plan(inputs, Path.Combine(folder, fresh ? "fresh" : "replace"));
                Directory.CreateDirectory(Path.GetDirectoryName(plan[0].Output)!);
                var times = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
                for (int round = -3; round < rounds; round++)
                {
                    foreach (int jobs in new[] { 1, 2 })
                    {
                        double ms = Once(plan, preset, jobs, fresh);
                        if (round >= 0)
                        {
                            times[jobs].Add(ms);
                        }
                    }
                }

                string label = fresh ? "fresh" : "replace";
                foreach (int jobs in new[] { 1, 2 })
                {
                    var t = times[jobs];
                    Console.WriteLine($"| {label} | {jobs} | {Median(t):F1} | {t.Average():F1} | {t.Min():F1} |");
                }

                Console.WriteLine($"| {label} | ratio 1/2 | {Median(times[1]) / Median(times[2]):F2}x | {times[1].Average() / times[2].Average():F2}x | {times[1].Min() / times[2].Min():F2}x |");
            }

            Reference("reference: 8 x copy 12.8 MB 20 times", rounds, CopyBuffers);
            Reference("reference: 8 x 45 M steps of integer arithmetic", rounds, Arithmetic);
            Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Once(IReadOnlyList<(string Input, string Output)> plan, string preset, int jobs, bool fresh)
    {
        if (fresh)
        {
            foreach (var (_, output) in plan)
            {
                File.Delete(output);
            }
        }

        var clock = Stopwatch.StartNew();
        var items = new BatchOptimizer(() => PipelineRunner.Parse(preset), new OptimizeOptions(), jobs).Run(plan);
        clock.Stop();
        if (items.FirstOrDefault(i => !i.Succeeded) is { } failed)
        {
            throw new InvalidOperationException($"{failed.Input}: {failed.Error}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The machine's own ceiling for the same shape of work (8 items, 1 or 2 workers): memory-bound copying and
    /// cache-resident arithmetic, interleaved like the batch rounds.
    /// </summary>
    private static void Reference(string label, int rounds, Action<int> item)
    {
        var times = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        for (int round = -3; round < rounds; round++)
        {
            foreach (int jobs in new[] { 1, 2 })
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = jobs }, item);
                if (round >= 0)
                {
                    times[jobs].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Console.WriteLine($"| {label} | ratio 1/2 ({Median(times[1]):F1} / {Median(times[2]):F1} ms) | {Median(times[1]) / Median(times[2]):F2}x | {times[1].Average() / times[2].Average():F2}x | {times[1].Min() / times[2].Min():F2}x |");
    }

    private static readonly byte[] Source = new byte[12_754_786];

    private static readonly ThreadLocal<byte[]> Destination = new(() => new byte[Source.Length]);

    private static void CopyBuffers(int item)
    {
        for (int i = 0; i < 20; i++)
        {
            Source.AsSpan().CopyTo(Destination.Value);
        }
    }

    private static void Arithmetic(int item)
    {
        ulong x = (ulong)item + 1;
        for (int i = 0; i < 45_000_000; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        GC.KeepAlive(x);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) && value > 0 ? value : fallback;
    }
}
