using System.Globalization;
using FsCheck.Xunit;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>Properties of `prune-channels` on seeded random networks with residual Adds, Concats, Splits, Slices, depthwise and grouped Convs.</summary>
public sealed class PruneChannelsPropertyTests
{
    [Property(MaxTest = 30)]
    public void Amount_zero_changes_nothing(int seed, bool global)
    {
        var model = ChannelNetworks.Random(seed);
        var before = ModelWriter.ToBytes(model);
        var report = PipelineRunner.Run(model, $"prune-channels{{amount=0 scope={(global ? "global" : "layer")}}}");
        Assert.False(report.Changed);
        Assert.Equal(before, ModelWriter.ToBytes(model));
    }

    [Property(MaxTest = 30)]
    public void Pruned_model_verifies_runs_and_keeps_its_interface(int seed, byte amountPercent, bool global, bool round)
    {
        var model = ChannelNetworks.Random(seed);
        var original = Equivalence.Clone(model);
        double amount = amountPercent % 90 / 100.0;
        string text = string.Create(CultureInfo.InvariantCulture, $"prune-channels{{amount={amount} scope={(global ? "global" : "layer")} round-to={(round ? 8 : 1)} max-per-group=0.9}}");

        // verify-each is on: a model the verifier rejects fails the run.
        var report = PipelineRunner.Run(model, text);
        var stats = report.Runs[0].Statistics;
        Assert.True(stats.Get("flops-after") <= stats.Get("flops-before"));
        using var runner = new OrtRunner(model);
        var inputs = new InputGenerator { Seed = seed }.Generate(model);
        var outputs = runner.Run(inputs);
        using var originalRunner = new OrtRunner(original);
        var expected = originalRunner.Run(inputs);
        Assert.Equal(expected["y"].Dims, outputs["y"].Dims);
    }

    [Property(MaxTest = 30)]
    public void Removing_channels_whose_filters_are_zero_keeps_the_outputs(int seed, int pickSeed)
    {
        var model = ChannelNetworks.Random(seed, affine: false);
        var analysis = ChannelAnalyzer.Analyze(model);
        var random = new Random(pickSeed);
        var zeroed = new HashSet<int>();
        foreach (var group in analysis.Groups.Where(g => g.Prunable && g.Channels > 1))
        {
            int count = random.Next(0, group.Channels - 1);
            zeroed.UnionWith(group.Components.OrderBy(_ => random.Next()).Take(count));
        }

        if (zeroed.Count == 0)
        {
            return;
        }
        ZeroChannels(model, analysis, zeroed);
        var reference = Equivalence.Clone(model);
        int prunable = analysis.Groups.Where(g => g.Prunable).Sum(g => g.Channels);
        double amount = (zeroed.Count + 0.25) / prunable;
        var report = PipelineRunner.Run(model, string.Create(CultureInfo.InvariantCulture, $"prune-channels{{amount={amount:R} criterion=l1 round-to=1 max-per-group=1}}"));
        Assert.Equal(zeroed.Count, report.Runs[0].Statistics.Get("channels-removed"));
        Equivalence.AssertSameOutputs(reference, model, atol: 1e-5, rtol: 1e-4);
    }

    /// <summary>Sets every filter row and depthwise row of the given components to exactly zero, and their Conv biases to <paramref name="bias"/> (depthwise biases to zero).</summary>
    internal static void ZeroChannels(Model model, ChannelAnalysis analysis, IReadOnlySet<int> roots, float bias = 0)
    {
        foreach (var edit in analysis.Edits.Where(e => e is ConvOutputEdit or DepthwiseEdit))
        {
            var rows = Enumerable.Range(0, edit.Layout.Length).Where(i => roots.Contains(analysis.Elements.Find(edit.Layout[i]))).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var weightValue = edit.Node.Input(1)!;
            var weight = weightValue.ConstValue!.ToArray<float>();
            int size = weight.Length / edit.Layout.Length;
            var biases = edit.Node.Input(2)!.ConstValue!.ToArray<float>();
            foreach (int r in rows)
            {
                Array.Clear(weight, r * size, size);
                biases[r] = edit is ConvOutputEdit ? bias : 0;
            }

            model.Graph.SetInitializerValue(weightValue, Tensor.Create(weight, weightValue.ConstValue!.DimsArray()));
            model.Graph.SetInitializerValue(edit.Node.Input(2)!, Tensor.Create(biases, biases.Length));
        }
    }
}
