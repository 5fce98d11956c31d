using System.Diagnostics;
using System.Globalization;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// Peak resident memory of one load+verify+save, which BenchmarkDotNet does not measure. Linux only: reads
/// VmRSS/VmHWM from /proc/self/status and resets the high-water mark through /proc/self/clear_refs, so the
/// peak belongs to the operation rather than to the whole process lifetime.
/// </summary>
public static class PeakMemory
{
    public static int Run(string[] args)
    {
        string model = args.Length > 0 ? args[0] : SharedFixture.Require(SharedFixture.YoloV8n);
        if (!File.Exists(model))
        {
            Console.Error.WriteLine($"error: '{model}' does not exist");
            return 1;
        }

        long fileSize = new FileInfo(model).Length;
        string output = Path.Combine(Path.GetTempPath(), $"onnxopt-peak-{Environment.ProcessId}.onnx");
        try
        {
            Console.WriteLine($"input: {model} ({Mb(fileSize)} MB)");
            Console.WriteLine("| run | time ms | RSS before MB | peak RSS MB | peak - before MB | (peak - before) / file | GC allocated MB | allocated / file |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            Measure("cold (first in process)", model, output, fileSize);
            for (int i = 0; i < 5; i++)
            {
                Once(model, output);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Measure("warm (after 5 runs and a full GC)", model, output, fileSize);
            Console.WriteLine($"process peak working set over all runs: {Mb(Process.GetCurrentProcess().PeakWorkingSet64)} MB");
            return 0;
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static void Measure(string label, string model, string output, long fileSize)
    {
        bool reset = ResetPeak();
        long before = Status("VmRSS");
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        Once(model, output);
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        long peak = Status("VmHWM");
        string note = reset ? string.Empty : " (peak not reset: lifetime peak)";
        Console.WriteLine(
            $"| {label}{note} | {clock.Elapsed.TotalMilliseconds:F1} | {Mb(before)} | {Mb(peak)} | {Mb(peak - before)} | {Ratio(peak - before, fileSize)} | {Mb(allocated)} | {Ratio(allocated, fileSize)} |");
    }

    private static void Once(string model, string output)
    {
        var loaded = ModelReader.Load(model);
        GraphVerifier.ThrowIfInvalid(loaded);
        ModelWriter.Save(loaded, output);
    }

    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A "Name:   123 kB" line of /proc/self/status, in bytes.</summary>
    private static long Status(string name)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                string kb = line[(name.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {name}");
    }

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(long bytes, long fileSize) => ((double)bytes / fileSize).ToString("F2", CultureInfo.InvariantCulture) + "x";
}
