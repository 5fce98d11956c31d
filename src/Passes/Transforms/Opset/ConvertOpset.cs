using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// `convert-opset{version=N}`: rewrites the model to default-domain opset N (11 to 22), from any opset 7 to 22.
/// Operators whose signature changed in between are rewritten (Split/Squeeze/Unsqueeze/Reduce* axes and split sizes
/// between attributes and inputs, Clip/Pad/Slice/TopK attributes to inputs, Resize attributes and inputs, Upsample to
/// Resize, Softmax axis semantics across 13 with Flatten/Reshape or Transpose, Shape start/end as a Slice, HardSwish,
/// Mish and Gelu decomposed for opsets that lack them, Constant value_* attributes). When a node has no equivalent in
/// the target (an attribute value the older opset lacks, a non-constant axes input that must become an attribute, a
/// type the older version does not accept), the pass fails naming every such node and changes nothing.
/// Safe: every rewrite is exact; decompositions (HardSwish, Mish, Gelu) can differ from the fused kernels by rounding.
/// The whole conversion is one rewrite for `--max-rewrites`: a half-converted model would be invalid.
/// Options: version (int, required range 11..22, default 17).
/// </summary>
public sealed class ConvertOpset(ConvertOpsetOptions? options = null) : Pass<ConvertOpsetOptions>(options)
{
    public override string Name => "convert-opset";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("nodes-rewritten", "nodes whose version change needed attribute or input edits"),
        StatisticInfo.Count("nodes-replaced", "nodes replaced by other ops"),
        StatisticInfo.Count("nodes-added", "nodes added by the conversion"),
        StatisticInfo.Measurement("source-opset", "default-domain opset before"),
        StatisticInfo.Measurement("target-opset", "default-domain opset after"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        var plan = ConversionPlan.Create(model, TypedOptions.Version);
        if (plan.Problems.Count > 0)
        {
            foreach (string problem in plan.Problems)
            {
                context.Error(problem);
            }

            throw new OpsetConversionException(plan.Target, plan.Problems);
        }

        if (plan.IsEmpty || !context.TryRewrite($"convert opset {plan.Source} to {plan.Target}"))
        {
            return PassResult.Unchanged;
        }

        var result = plan.Apply();
        context.Statistics.Set("source-opset", result.Source);
        context.Statistics.Set("target-opset", result.Target);
        context.Statistics.Add("nodes-rewritten", result.NodesRewritten);
        context.Statistics.Add("nodes-added", result.NodesAdded);
        context.Statistics.Add("nodes-replaced", result.NodesReplaced);
        return PassResult.Modified;
    }
}
