using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// allocation=output: measured error curves instead of a single-layer estimate when groups are compared. For every
/// prunable group, trial cuts of its lowest-scoring channels (a quarter, a half, three quarters, after the cap and
/// rounding) are applied, one at a time and alone, to a copy of the model with mean absorption; each copy runs on the
/// first few calibration samples and <see cref="OutputError"/> compares its graph outputs with the unpruned model's.
/// Each channel's score becomes the slope of its group's measured curve at its rank (<see cref="Marginal"/>): the
/// order within a group stays the criterion's, while groups compare by how far their channels move the model's own
/// outputs (errors that grow through later layers, the sigmoid scores and the DFL included), so a per-flop global
/// ranking allocates greedily along the measured curves. Effects of cuts in different groups are taken as additive.
/// Cost: one session and <c>samples</c> runs per trial cut (about 150 for YOLOv8n).
/// </summary>
public static class OutputSensitivity
{
    /// <summary>The measured scores (components of groups with no trial cut keep the criterion's).</summary>
    /// <param name="model">The unpruned model (not modified).</param>
    /// <param name="analysis">Its channel dependency groups (from <see cref="ChannelAnalyzer.Analyze"/> with <paramref name="protect"/>).</param>
    /// <param name="protect">The protection the analysis used, so that each copy is analysed the same way.</param>
    /// <param name="scores">The criterion's scores (higher is kept first).</param>
    /// <param name="moments">Calibration moments of at least <see cref="MeanAbsorption.ObservedValues"/>.</param>
    /// <param name="calibration">The calibration samples.</param>
    /// <param name="trials">A group's channel count to the sizes of its trial cuts (none: the group keeps its scores).</param>
    /// <param name="samples">How many calibration samples each trial runs (at most the calibration's count).</param>
    /// <param name="cancellation">Stops between trials.</param>
    public static Dictionary<int, double> Rescale(
        Model model, ChannelAnalysis analysis, Func<Node, string?> protect, IReadOnlyDictionary<int, double> scores, ChannelMoments moments,
        IChannelCalibration calibration, Func<int, IEnumerable<int>> trials, int samples, CancellationToken cancellation)
    {
        var outputs = model.Graph.Outputs.Select(o => o.Name).ToList();
        bool detection = OutputError.IsDetection(model);
        var reference = new List<Dictionary<string, (long[] Dims, float[] Values)>>();
        using (var session = calibration.Open(model, outputs))
        {
            samples = Math.Min(samples, calibration.SampleCount);
            for (int s = 0; s < samples; s++)
            {
                var run = new Dictionary<string, (long[], float[])>();
                session.Run(s, (name, dims, values) => run[name] = (dims.ToArray(), values.ToArray()));
                reference.Add(run);
            }
        }

        var rescaled = new Dictionary<int, double>(scores);
        foreach (var group in analysis.Groups.Where(g => g.Prunable && g.Components.All(scores.ContainsKey)))
        {
            cancellation.ThrowIfCancellationRequested();
            var cuts = trials(group.Channels).Where(c => c > 0).Distinct().Order().ToArray();
            if (cuts.Length == 0)
            {
                continue;
            }

            var ranked = Enumerable.Range(0, group.Channels).OrderBy(i => scores[group.Components[i]]).ThenBy(i => i).ToArray();
            var errors = cuts.Select(c => Measure(model, group, ranked[..c], protect, moments, calibration, outputs, reference, detection)).ToArray();
            var marginal = Marginal(group.Channels, cuts, errors);
            for (int r = 0; r < ranked.Length; r++)
            {
                rescaled[group.Components[ranked[r]]] = marginal[r];
            }
        }

        return rescaled;
    }

    /// <summary>
    /// The measured error curve as one score per ranked channel: the slope of the piecewise-linear curve through (0, 0)
    /// and the measured points (the last slope continues beyond them), made non-negative and strictly increasing, so
    /// that removing channels in rank order is also removing them in score order and a per-FLOP global ranking is a
    /// greedy allocation along the measured curves.
    /// </summary>
    public static double[] Marginal(int channels, IReadOnlyList<int> cuts, IReadOnlyList<double> errors)
    {
        var slope = new double[channels];
        int previousCut = 0;
        double previousError = 0;
        for (int k = 0, r = 0; r < channels; r++)
        {
            while (k < cuts.Count - 1 && r >= cuts[k])
            {
                (previousCut, previousError) = (cuts[k], errors[k]);
                k++;
            }

            slope[r] = Math.Max(0, (errors[k] - previousError) / Math.Max(1, cuts[k] - previousCut));
        }

        double step = 1e-9 * Math.Max(slope.Max(), double.Epsilon);
        for (int r = 1; r < channels; r++)
        {
            slope[r] = Math.Max(slope[r], slope[r - 1] + step);
        }

        return slope;
    }

    /// <summary>The output error, summed over the reference samples, of a copy of the model without <paramref name="cut"/>.</summary>
    private static double Measure(
        Model model, ChannelGroup group, int[] cut, Func<Node, string?> protect, ChannelMoments moments, IChannelCalibration calibration,
        IReadOnlyList<string> outputs, List<Dictionary<string, (long[] Dims, float[] Values)>> reference, bool detection)
    {
        var copy = ModelReader.Load(ModelWriter.ToBytes(model));
        var analysis = ChannelAnalyzer.Analyze(copy, protect);
        var same = analysis.Groups.FirstOrDefault(g => g.Id == group.Id);
        if (same is null || same.Channels != group.Channels || !same.Producers.SequenceEqual(group.Producers))
        {
            throw new InvalidOperationException($"channel group {group.Id} is not the same in a copy of the model");
        }

        var removed = cut.Select(i => same.Components[i]).ToHashSet();
        var absorption = MeanAbsorption.Measure(analysis, removed, moments);
        ChannelSurgery.Apply(copy, analysis, removed);
        absorption.Apply(copy.Graph, analysis, removed);
        double error = 0;
        using var session = calibration.Open(copy, outputs);
        for (int s = 0; s < reference.Count; s++)
        {
            session.Run(s, (name, dims, values) =>
            {
                if (reference[s].TryGetValue(name, out var r))
                {
                    error += OutputError.Of(r.Dims, r.Values, values, detection);
                }
            });
        }

        return error;
    }
}
