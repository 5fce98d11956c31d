using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Rewriting;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// BatchNormalization in inference form after a Conv: <c>y = (x - mean) * scale / sqrt(var + eps) + B</c> is
/// per-channel affine, so it folds into the Conv's weight and bias (see <see cref="ConvSite"/>).
/// Inference form means a single output, training_mode 0, is_test 1 before opset 7, and spatial 1.
/// </summary>
internal sealed class ConvBatchNormPattern(long opset) : RewritePattern
{
    public override string Name => "batchnorms-fused";

    public override string RootOpType => "BatchNormalization";

    public override MatchResult Match(Node root, PassContext context)
    {
        if (root.Outputs.Count != 1)
        {
            return MatchResult.Fail($"has {root.Outputs.Count} outputs (training form)");
        }

        if (root.GetInt("training_mode", 0) != 0 || (opset < 7 && root.GetInt("is_test", 0) != 1) || root.GetInt("spatial", 1) != 1)
        {
            return MatchResult.Fail("not in inference form (training_mode, is_test or spatial)");
        }

        if (root.Inputs.Count != 5 || root.Inputs.Any(i => i is null))
        {
            return MatchResult.Fail("needs all five inputs");
        }

        if (ConvSite.Find(root.Input(0)!, root, out string reason) is not { } site)
        {
            return MatchResult.Fail(reason);
        }

        var parameters = new double[4][];
        for (int i = 0; i < 4; i++)
        {
            var value = root.Input(i + 1)!;
            if (ConstantValues.TryGet(value) is not { } tensor || !FloatTensors.IsWideningFloat(tensor.DataType))
            {
                return MatchResult.Fail($"parameter '{value.Name}' is not a float constant");
            }

            if (tensor.Rank != 1 || tensor.Dims[0] != site.Channels)
            {
                return MatchResult.Fail($"parameter '{value.Name}' is {tensor}, not [{site.Channels}]");
            }

            parameters[i] = tensor.ToDoubleArray();
        }

        double epsilon = root.GetFloat("epsilon", 1e-5f);
        var (gamma, beta, mean, variance) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        var scale = new double[site.Channels];
        var shift = new double[site.Channels];
        for (int m = 0; m < scale.Length; m++)
        {
            scale[m] = gamma[m] / Math.Sqrt(variance[m] + epsilon);
            shift[m] = beta[m] - (mean[m] * scale[m]);
            if (!double.IsFinite(scale[m]) || !double.IsFinite(shift[m]))
            {
                return MatchResult.Fail($"channel {m} has a non-finite scale or shift (variance + epsilon = {variance[m] + epsilon})");
            }
        }

        return MatchResult.Rewrite($"fold BatchNormalization '{root.Name}' into Conv '{site.Conv.Name}'", () =>
        {
            if (site.Fold(scale, shift, root))
            {
                context.Statistics.Add("outputs-renamed");
            }
        });
    }
}
