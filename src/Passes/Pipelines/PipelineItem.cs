using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Registry;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>One step of an executable pipeline: a pass, or a group repeated until nothing changes.</summary>
public abstract record PipelineItem
{
    public abstract string ToPipelineText();
}

/// <summary>Runs one pass.</summary>
public sealed record PassItem(Pass Pass) : PipelineItem
{
    public override string ToPipelineText() => Pass.ToPipelineText();
}

/// <summary>Runs <see cref="Items"/> again and again until an iteration changes nothing, at most <see cref="MaxIterations"/> times.</summary>
public sealed record FixpointItem(int MaxIterations, IReadOnlyList<PipelineItem> Items) : PipelineItem
{
    public override string ToPipelineText() =>
        $"{PassRegistry.FixpointName}{{max-iterations={MaxIterations}}}({string.Join(",", Items.Select(i => i.ToPipelineText()))})";
}
