using System.Diagnostics;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Registry;

namespace OnnxOpt.Passes.Infrastructure;

/// <summary>
/// Runs a <see cref="Pipeline"/> over a model: each pass gets the shared context and a fresh statistics set,
/// instrumentations run around it, the analysis cache is dropped after every change, fixpoint groups repeat
/// until nothing changes, and the run stops early once the rewrite budget is spent.
/// </summary>
public sealed class PassManager(Pipeline pipeline, IReadOnlyList<IPassInstrumentation>? instrumentations = null)
{
    private readonly IReadOnlyList<IPassInstrumentation> _instrumentations = instrumentations ?? [];

    public Pipeline Pipeline { get; } = pipeline;

    public PipelineRunReport Run(Model model, PassContext? context = null)
    {
        context ??= new PassContext();
        foreach (var instrumentation in _instrumentations)
        {
            instrumentation.BeforePipeline(model);
        }

        var runs = new List<PassRunRecord>();
        bool converged = RunItems(Pipeline.Items, model, context, runs);
        string? stoppedAt = context.Budget.Refused ? context.Budget.LastRewrite : null;
        return new PipelineRunReport(Pipeline.ToPipelineText(), runs, context.Diagnostics.ToList(), converged, context.Budget.Used, stoppedAt);
    }

    private bool RunItems(IReadOnlyList<PipelineItem> items, Model model, PassContext context, List<PassRunRecord> runs)
    {
        bool converged = true;
        foreach (var item in items)
        {
            if (context.Budget.Exhausted)
            {
                break;
            }

            switch (item)
            {
                case PassItem p:
                    RunPass(p.Pass, model, context, runs);
                    break;
                case FixpointItem f:
                    converged &= RunFixpoint(f, model, context, runs);
                    break;
            }
        }

        return converged;
    }

    private bool RunFixpoint(FixpointItem group, Model model, PassContext context, List<PassRunRecord> runs)
    {
        bool innerConverged = true;
        for (int iteration = 0; iteration < group.MaxIterations; iteration++)
        {
            int before = runs.Count;
            innerConverged = RunItems(group.Items, model, context, runs);
            bool changed = runs.Skip(before).Any(r => r.Changed);
            if (!changed || context.Budget.Exhausted)
            {
                return innerConverged;
            }
        }

        context.CurrentPass = PassRegistry.FixpointName;
        context.Warn($"did not converge within max-iterations={group.MaxIterations}");
        return false;
    }

    private void RunPass(Pass pass, Model model, PassContext context, List<PassRunRecord> runs)
    {
        context.ThrowIfCancelled();
        context.CurrentPass = pass.Name;
        context.Statistics = new PassStatistics(pass.DeclaredStatistics);
        foreach (var instrumentation in _instrumentations)
        {
            instrumentation.BeforePass(pass, model, context);
        }

        var clock = Stopwatch.StartNew();
        var result = pass.Run(model, context);
        clock.Stop();
        if (result.Changed)
        {
            context.Analyses.Invalidate();
        }

        var record = new PassRunRecord(runs.Count + 1, pass.Name, pass.ToPipelineText(), result.Changed, clock.Elapsed, context.Statistics);
        runs.Add(record);
        foreach (var instrumentation in _instrumentations)
        {
            instrumentation.AfterPass(pass, model, context, record);
        }
    }
}
