using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// `convert-fp16`: converts a float32 model to float16, in the main graph and in every subgraph. Float32
/// initializers, Constant and ConstantOfShape tensors and every float32 value become float16, and
/// <c>Cast(to=FLOAT)</c> becomes <c>Cast(to=FLOAT16)</c>. Ops on the block list (by default those without float16
/// kernels or with known numeric trouble, see docs/fp16.md), nodes named in `node-block-list`, custom-domain ops
/// and ops that are float32 by their spec stay float32 with Casts around them; inputs that are float32 by spec
/// (Resize `roi`/`scales`, Upsample `scales`) stay float32. Constants feeding only float32 users stay exact float32.
/// Untyped intermediate values are typed by a small inference over the graph, and every float value gets its
/// new type declared, so the verifier type-checks the result.
/// <para>
/// Safe when the model tolerates float16 rounding (unit roundoff 2^-11 ≈ 4.9e-4) and range (±65504): finite
/// constants beyond `max-finite` are clamped and counted (`values-clamped`, with a warning naming the tensor);
/// non-zero constants closer to zero than `min-positive` are raised to it and counted. Activations that overflow
/// float16 at run time are not detected here.
/// </para>
/// <para>
/// Options: `keep-io-types` (default true: graph inputs and outputs stay float32 with one Cast at each boundary;
/// output names never change), `op-block-list`, `node-block-list`, `max-finite` (65504), `min-positive` (5.96e-8).
/// The whole conversion is one rewrite for `--max-rewrites`, since a half-converted model would not type-check.
/// </para>
/// </summary>
public sealed class ConvertFloat16(ConvertFloat16Options? options = null) : Pass<ConvertFloat16Options>(options)
{
    public override string Name => "convert-fp16";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("nodes-kept-float32", "nodes kept in float32 (block lists, spec, other domains)"),
        StatisticInfo.Count("casts-inserted", "Casts inserted at float16/float32 boundaries"),
        StatisticInfo.Count("casts-retargeted", "existing Casts to float32 retargeted to float16"),
        StatisticInfo.Count("constants-converted", "Constant nodes converted to float16"),
        StatisticInfo.Count("constants-duplicated", "constants given a second copy for users of the other precision"),
        StatisticInfo.Count("initializers-converted", "initializers converted to float16"),
        StatisticInfo.Count("float32-bytes-converted", "bytes of float32 initializers converted to float16"),
        StatisticInfo.Count("values-clamped", "float32 constants beyond max-finite clamped to it"),
        StatisticInfo.Count("values-raised-to-min-positive", "tiny non-zero float32 constants raised to min-positive"),
        StatisticInfo.Count("values-flushed-to-zero", "tiny non-zero float32 constants that became zero in float16"),
        StatisticInfo.Count("values-retyped", "value types changed from float32 to float16"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var plan = PrecisionPlan.Build(model, context.Analyses.Get(model, ElementTypeAnalysis.Run), TypedOptions);
        if (plan.FloatValues.Count == 0 || !context.TryRewrite("convert float32 to float16"))
        {
            return PassResult.Unchanged;
        }

        bool changed = new Float16Rewriter(plan, TypedOptions, context).Apply();
        if (plan.KeptNodes > 0)
        {
            context.Statistics.Add("nodes-kept-float32", plan.KeptNodes);
        }

        return PassResult.From(changed);
    }
}
