using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// `fold-casts`: simplifies Cast nodes in every graph, repeating until nothing changes:
/// <list type="bullet">
/// <item>a Cast to the type its input already has is removed;</item>
/// <item>a chain Cast(A→B)→Cast(B→C) becomes Cast(A→C), or nothing when C = A, if A→B is exact (fp16→fp32→fp16,
/// int32→int64→int32); a rounding chain such as fp32→fp16→fp32 is kept (counted as `lossy-chains-kept`) unless
/// `allow-precision-loss=true`, which folds chains of float types only (never float→int→float, a truncation);</item>
/// <item>a Cast of an initializer or Constant becomes an initializer holding the cast data (older TensorRT parsers
/// need Conv weights as initializers, not Cast outputs);</item>
/// <item>Casts of one value to one type in one graph are merged into the first.</item>
/// </list>
/// Safe: every rewrite except the opt-in precision loss gives bit-identical results. Graph output names never
/// change: a removed Cast that produced a main-graph output hands its name to the value it forwarded, and is kept
/// when that value is itself a graph input or output. Options: `allow-precision-loss` (default false).
/// </summary>
public sealed class FoldCasts(FoldCastsOptions? options = null) : Pass<FoldCastsOptions>(options)
{
    private const int MaxSweeps = 16;

    public override string Name => "fold-casts";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("identity-casts-removed", "Casts to their input's own type removed"),
        StatisticInfo.Count("constant-casts-folded", "Casts of constants folded into initializers"),
        StatisticInfo.Count("cast-chains-folded", "lossless Cast chains shortened"),
        StatisticInfo.Count("lossy-chains-folded", "lossy Cast chains shortened (allow-precision-loss)"),
        StatisticInfo.Count("duplicate-casts-merged", "identical Casts of one value merged"),
        StatisticInfo.Measurement("lossy-chains-kept", "lossy Cast chains left in place because allow-precision-loss is off"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        bool changed = false;
        var lossyKept = new HashSet<Node>();
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            // The first sweep sees the model as the pipeline left it, so the cached analysis serves; later sweeps see this pass's own changes.
            var types = sweep == 0 ? context.Analyses.Get(model, ElementTypeAnalysis.Run) : ElementTypeAnalysis.Run(model);
            var folder = new CastFolder(types, TypedOptions.AllowPrecisionLoss, context, lossyKept);
            bool any = false;
            foreach (var graph in model.Graph.AllGraphs().ToList())
            {
                any |= folder.Fold(graph);
                if (folder.OutOfBudget)
                {
                    return Finish(changed || any, lossyKept, context);
                }
            }

            changed |= any;
            if (!any)
            {
                break;
            }
        }

        return Finish(changed, lossyKept, context);
    }

    private static PassResult Finish(bool changed, HashSet<Node> lossyKept, PassContext context)
    {
        int kept = lossyKept.Count(n => n.Graph is not null);
        if (kept > 0)
        {
            context.Statistics.Set("lossy-chains-kept", kept);
        }

        return PassResult.From(changed);
    }
}
