using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>An executable pipeline: the passes to run in order, with options bound and presets expanded.</summary>
public sealed record Pipeline(IReadOnlyList<PipelineItem> Items)
{
    /// <summary>The canonical text: every option spelled out; it parses back to an equal pipeline.</summary>
    public string ToPipelineText() => string.Join(",", Items.Select(i => i.ToPipelineText()));

    /// <summary>Every pass, in the order it first runs.</summary>
    public IEnumerable<Pass> Passes() => Flatten(Items);

    private static IEnumerable<Pass> Flatten(IEnumerable<PipelineItem> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case PassItem p:
                    yield return p.Pass;
                    break;
                case FixpointItem f:
                    foreach (var inner in Flatten(f.Items))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    public override string ToString() => ToPipelineText();
}
