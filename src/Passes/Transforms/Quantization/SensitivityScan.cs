using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Ranks the quantizable Conv/MatMul/Gemm layers by how much quantizing that layer alone changes the model's
/// outputs on a few calibration samples (relative squared error), for `keep-float=N`.
/// </summary>
internal static class SensitivityScan
{
    /// <summary>Calibration samples each candidate model is run on.</summary>
    public const int Samples = 4;

    public static HashSet<Node> MostSensitive(
        Model model, QuantizeInt8 pass, QuantizationPlan plan, IReadOnlyDictionary<string, QuantParameters> parameters,
        IActivationStatisticsProvider provider, int count, PassContext context)
    {
        var reference = provider.RunOutputs(model, Samples, context.Cancellation);
        var bytes = ModelWriter.ToBytes(model);
        var scores = new List<(Node Layer, double Error)>();
        foreach (var layer in plan.Nodes.Where(n => QdqOpRules.Compute.Contains(n.OpType)))
        {
            context.ThrowIfCancelled();
            var copy = ModelReader.Load(bytes, model.BaseDirectory);
            var only = pass.TypedOptions with { Include = $"^{System.Text.RegularExpressions.Regex.Escape(layer.Name)}$", Exclude = string.Empty };
            pass.Apply(copy.Graph, QuantizationPlanner.Plan(copy, only, new HashSet<Node>()), parameters);
            scores.Add((layer, RelativeError(reference, provider.RunOutputs(copy, Samples, context.Cancellation))));
        }

        var chosen = scores.OrderByDescending(s => s.Error).Take(count).ToList();
        foreach (var (layer, error) in scores.OrderByDescending(s => s.Error))
        {
            context.Statistics.AddRow("sensitivity", new SensitivityRow(layer.Name, error, chosen.Any(c => c.Layer == layer)));
        }

        return chosen.Select(c => c.Layer).ToHashSet();
    }

    /// <summary>Sum of squared differences over sum of squared reference values, across all samples and outputs.</summary>
    internal static double RelativeError(IReadOnlyList<float[]> reference, IReadOnlyList<float[]> candidate)
    {
        double noise = 0, signal = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            var r = reference[i];
            var c = candidate[i];
            for (int j = 0; j < r.Length; j++)
            {
                double d = r[j] - c[j];
                noise += d * d;
                signal += (double)r[j] * r[j];
            }
        }

        return signal > 0 ? noise / signal : noise;
    }
}
