using System.Diagnostics;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;

namespace OnnxOpt.Benchmarks;

/// <summary>
/// `scale-profile PIPELINE MODEL...`: loads each model and runs the pipeline (a preset name or pipeline text) in
/// process, printing the CPU time of every pass next to its wall time. CPU time (the process's, from
/// <see cref="Environment.CpuUsage"/>) is what stays meaningful on a machine shared with other work; a pass whose
/// CPU time grows faster than its model is the one to fix. Runs the models in the order given, so pass sizes
/// 10k, 20k, 40k to read growth. With <c>--verify-each</c> (after the pipeline) it runs the pipeline as the CLI
/// does by default: the input verified first, verify-each around every pass, the final check skipped when
/// verify-each verified the final state; it prints what the verifier costs and what writing the result costs, so
/// the whole-process time splits into start-up, load, input check, passes, verify-each and write.
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

        bool verifyEach = args.Contains("--verify-each");
        foreach (string path in args[1..].Where(a => a != "--verify-each"))
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var model = ModelReader.Load(path);
            Console.WriteLine($"{Path.GetFileName(path)}: {model.Graph.Nodes.Count} nodes, load {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms cpu");
            var timing = new CpuTiming();
            var verifier = verifyEach ? new TimedVerifier(new VerifyEachInstrumentation()) : null;
            if (verifier is not null)
            {
                cpu = Environment.CpuUsage.TotalTime;
                GraphVerifier.ThrowIfInvalid(model);
                verifier.Inner.MarkVerified(model);
                Console.WriteLine($"  input check {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms cpu");
            }

            IPassInstrumentation[] instrumentations = verifier is null ? [timing] : [verifier, timing];
            var report = new PassManager(PipelineRunner.Parse(args[0]), instrumentations).Run(model);
            foreach (var (record, cpuTime) in report.Runs.Zip(timing.CpuTimes))
            {
                if (cpuTime.TotalMilliseconds >= 1)
                {
                    Console.WriteLine($"  {record.Index,3} {record.PassName,-30} {cpuTime.TotalMilliseconds,9:F0} ms cpu {record.Elapsed.TotalMilliseconds,9:F0} ms wall");
                }
            }

            Console.WriteLine($"  total {timing.CpuTimes.Sum(t => t.TotalMilliseconds):F0} ms cpu, {model.Graph.Nodes.Count} nodes left");
            if (verifier is not null)
            {
                Console.WriteLine($"  verify-each {verifier.CpuTime.TotalMilliseconds:F0} ms cpu ({verifier.Verifications} full verifications)");
            }

            cpu = Environment.CpuUsage.TotalTime;
            if (verifier?.Inner.IsVerified(model) != true)
            {
                GraphVerifier.ThrowIfInvalid(model);
                Console.WriteLine($"  final check {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms cpu");
            }

            string output = Path.Combine(Path.GetTempPath(), $"scale-profile-{Environment.ProcessId}.onnx");
            cpu = Environment.CpuUsage.TotalTime;
            ModelWriter.Save(model, output);
            Console.WriteLine($"  write {(Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds:F0} ms cpu");
            File.Delete(output);
        }

        return 0;
    }

    /// <summary>Verify-each with a meter: the CPU time its hooks take and how often the verifier ran.</summary>
    private sealed class TimedVerifier(VerifyEachInstrumentation inner) : IPassInstrumentation
    {
        public VerifyEachInstrumentation Inner { get; } = inner;

        public TimeSpan CpuTime { get; private set; }

        public int Verifications { get; private set; }

        public void BeforePipeline(Model model) => Timed(() => Inner.BeforePipeline(model));

        public void BeforePass(Pass pass, Model model, PassContext context) => Timed(() => Inner.BeforePass(pass, model, context));

        public void AfterPass(Pass pass, Model model, PassContext context, PassRunRecord record) => Timed(() => Inner.AfterPass(pass, model, context, record));

        private void Timed(Action hook)
        {
            var verified = Inner.LastVerified;
            var start = Environment.CpuUsage.TotalTime;
            hook();
            CpuTime += Environment.CpuUsage.TotalTime - start;
            if (Inner.LastVerified != verified)
            {
                Verifications++;
            }
        }
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
