using System.Diagnostics;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `scale-profile PIPELINE MODEL...`: loads each model and runs the pipeline (a preset name or pipeline text) in
/// process, printing the CPU time of every pass next to its wall time. CPU time (the process's, from
/// <see cref="Environment.CpuUsage"/>) is what stays meaningful on a machine shared with other work; a pass whose
/// CPU time grows faster than its model is the one to fix. Runs the models in the order given, so pass sizes
/// 10k, 20k, 40k to read growth.
/// </summary>
public static class ScaleProfile
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("error: usage: scale-profile PIPELINE MODEL...");
            return 2;
        }

        foreach (string path in args[1..])
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var model = ModelReader.Load(path);
            Console.WriteLine($"{Path.GetFileName(path)}: {model.Graph.Nodes.Count} nodes, load {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms cpu");
            var timing = new CpuTiming();
            var report = new PassManager(PipelineRunner.Parse(args[0]), [timing]).Run(model);
            foreach (var (record, cpuTime) in report.Runs.Zip(timing.CpuTimes))
            {
                if (cpuTime.TotalMilliseconds >= 1)
                {
                    Console.WriteLine($"  {record.Index,3} {record.PassName,-30} {cpuTime.TotalMilliseconds,9:F0} ms cpu {record.Elapsed.TotalMilliseconds,9:F0} ms wall");
                }
            }

            Console.WriteLine($"  total {timing.CpuTimes.Sum(t => t.TotalMilliseconds):F0} ms cpu, {model.Graph.Nodes.Count} nodes left");
        }

        return 0;
    }

    private sealed class CpuTiming : IPassInstrumentation
    {
        private TimeSpan _start;

        public List<TimeSpan> CpuTimes { get; } = [];

        public void BeforePass(Pass pass, Model model, PassContext context) => _start = Environment.CpuUsage.TotalTime;

        public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record) =>
            CpuTimes.Add(Environment.CpuUsage.TotalTime - _start);
    }
}
