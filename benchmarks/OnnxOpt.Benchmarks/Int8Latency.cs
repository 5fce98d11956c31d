using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxOpt.Backends.OnnxRuntime;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `int8-latency FLOAT.onnx INT8.onnx [--threads 1,2] [--rounds N] [--runs N]`: ONNX Runtime CPU latency of two
/// models (ORT_ENABLE_ALL, one session each per thread count) in interleaved rounds: each round times --runs runs of
/// the float model, then of the INT8 model, so machine-speed drift hits both sides. Reports per-thread-count median
/// and minimum latency and the float / INT8 ratio of the per-round medians (median of ratios).
/// </summary>
public static class Int8Latency
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[0]) || !File.Exists(args[1]))
        {
            Console.Error.WriteLine("error: usage: int8-latency FLOAT.onnx INT8.onnx [--threads 1,2] [--rounds N] [--runs N]");
            return 2;
        }

        var threads = (Value(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
        int rounds = int.Parse(Value(args, "--rounds") ?? "15");
        int runs = int.Parse(Value(args, "--runs") ?? "5");
        Console.WriteLine($"float: {args[0]}\nint8:  {args[1]}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{rounds} interleaved rounds of {runs} runs per model after 5 warm-up runs; ORT_ENABLE_ALL; random input in [0,1)");
        Console.WriteLine("| intra-op threads | float median ms | int8 median ms | float min ms | int8 min ms | speed-up (median of per-round ratios) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (int t in threads)
        {
            using var fp = Open(args[0], t);
            using var q = Open(args[1], t);
            var input = RandomInput(fp.Session);
            var fpTimes = new List<double>();
            var qTimes = new List<double>();
            var ratios = new List<double>();
            Time(fp, input, 5);
            Time(q, input, 5);
            for (int round = 0; round < rounds; round++)
            {
                var a = Time(fp, input, runs);
                var b = Time(q, input, runs);
                fpTimes.AddRange(a);
                qTimes.AddRange(b);
                ratios.Add(Median(a) / Median(b));
            }

            Console.WriteLine($"| {t} | {Median(fpTimes):F1} | {Median(qTimes):F1} | {fpTimes.Min():F1} | {qTimes.Min():F1} | {Median(ratios):F2}x |");
        }

        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private sealed class Loaded(InferenceSession session) : IDisposable
    {
        public InferenceSession Session { get; } = session;

        public void Dispose() => Session.Dispose();
    }

    private static Loaded Open(string path, int threads)
    {
        using var options = OrtSessionOptionsFactory.Create(new OrtRunOptions { IntraOpThreads = threads });
        options.InterOpNumThreads = 1;
        options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        return new Loaded(new InferenceSession(path, options));
    }

    private static NamedOnnxValue RandomInput(InferenceSession session)
    {
        var (name, meta) = session.InputMetadata.First();
        var dims = meta.Dimensions.Select(d => d > 0 ? d : 1).ToArray();
        var random = new Random(1);
        var data = new float[dims.Aggregate(1, (a, d) => a * d)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(data, dims));
    }

    private static List<double> Time(Loaded model, NamedOnnxValue input, int runs)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using var results = model.Session.Run([input]);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
