using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Add or Mul of a Conv output and a per-output-channel constant, folded into the Conv (see <see cref="ConvSite"/>).
/// Per-channel means the constant broadcasts to the Conv output without changing its shape and varies only along
/// the channel axis: after right-aligning with the Conv output's rank, every dim is 1 except the channel dim,
/// which is 1 or the channel count ([1,C,1,1], [C,1,1], a scalar). A rank-1 [C] aligns with the last axis, so it is
/// not per-channel.
/// </summary>
internal sealed class ConvChannelOpPattern(string opType) : RewritePattern
{
    private bool IsMul => opType == "Mul";

    public override string Name => IsMul ? "muls-fused" : "adds-fused";

    public override string RootOpType => opType;

    public override MatchResult Match(Node root, PassContext context)
    {
        if (root.Inputs.Count != 2 || root.Input(0) is not { } a || root.Input(1) is not { } b)
        {
            return MatchResult.Fail("needs two inputs");
        }

        bool firstIsConv = a.Producer?.Is("Conv") == true;
        var (convOutput, operand) = firstIsConv ? (a, b) : (b, a);
        if (ConvSite.Find(convOutput, root, out string reason) is not { } site)
        {
            return MatchResult.Fail(reason);
        }

        if (ConstantValues.TryGet(operand) is not { } constant)
        {
            return MatchResult.Fail($"operand '{operand.Name}' is not a constant");
        }

        if (constant.DataType != site.Type)
        {
            return MatchResult.Fail($"operand '{operand.Name}' is {constant.DataType.OnnxName()} but the weight is {site.Type.OnnxName()}");
        }

        if (PerChannel(constant, site, out reason) is not { } values)
        {
            return MatchResult.Fail($"operand '{operand.Name}': {reason}");
        }

        return MatchResult.Rewrite($"fold {opType} '{root.Name}' into Conv '{site.Conv.Name}'", () =>
        {
            bool renamed = IsMul ? site.Fold(values, null, root) : site.Fold(null, values, root);
            if (renamed)
            {
                context.Statistics.Add("outputs-renamed");
            }
        });
    }

    /// <summary>The constant as one value per output channel, or null with the reason it is not per-channel.</summary>
    private static double[]? PerChannel(Tensor constant, ConvSite site, out string reason)
    {
        int rank = site.OutputRank;
        if (constant.Rank > rank)
        {
            reason = $"shape {constant} has more dims than the rank-{rank} Conv output";
            return null;
        }

        bool alongChannels = false;
        int offset = rank - constant.Rank;
        for (int k = 0; k < constant.Rank; k++)
        {
            long dim = constant.Dims[k];
            if (dim == 1)
            {
                continue;
            }

            if (offset + k == 1 && dim == site.Channels)
            {
                alongChannels = true;
                continue;
            }

            reason = $"shape {constant} varies along axis {offset + k} of the rank-{rank} Conv output, not only along its {site.Channels} channels";
            return null;
        }

        var data = constant.ToDoubleArray();
        if (data.Any(v => !double.IsFinite(v)))
        {
            reason = "holds a non-finite value";
            return null;
        }

        var values = new double[site.Channels];
        for (int m = 0; m < values.Length; m++)
        {
            values[m] = alongChannels ? data[m] : data[0];
        }

        reason = string.Empty;
        return values;
    }
}
