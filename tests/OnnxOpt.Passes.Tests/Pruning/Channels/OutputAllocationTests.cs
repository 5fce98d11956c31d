using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>`prune-channels{allocation=output}`: groups compared by the measured change of the model's outputs.</summary>
public sealed class OutputAllocationTests
{
    /// <summary>
    /// Seeded random inputs through the backend's runner, except that the graph output is replaced by
    /// [channels of the cheap producer, 100 · channels of the dear producer] in the session's model: removing a channel
    /// of the dear group moves the output 100 times as far as removing one of the cheap group.
    /// </summary>
    private sealed class FakeOutputCalibration(string cheap, string dear) : IChannelCalibration
    {
        public int SampleCount => 2;

        public IActivationSession Open(Model model, IReadOnlyList<string> valueNames) => new Session(model, new ActivationRunner(model, valueNames), cheap, dear);

        private sealed class Session(Model model, ActivationRunner runner, string cheap, string dear) : IActivationSession
        {
            public void Run(int sample, ActivationCallback observe)
            {
                var sample0 = new CalibrationSample($"random {sample}", new InputGenerator { Seed = 100 + sample }.Generate(model));
                runner.RunOne(sample0, (name, dims, values) =>
                {
                    if (model.Graph.Outputs.Any(o => o.Name == name))
                    {
                        observe(name, [2], [Filters(cheap), 100 * Filters(dear)]);
                    }
                    else
                    {
                        observe(name, dims, values);
                    }
                });
            }

            private float Filters(string conv) => model.Graph.Nodes.Single(n => n.Name == conv).Input(1)!.ConstValue!.Dims[0];

            public void Dispose() => runner.Dispose();
        }
    }

    private static (ChannelGroup Cheap, ChannelGroup Dear) TwoGroups(ChannelAnalysis analysis)
    {
        var groups = analysis.Groups.Where(g => g.Prunable && g.Channels >= 4 && g.Producers.Count == 1).Take(2).ToList();
        Assert.True(groups.Count == 2, "the test network should have two prunable single-producer groups");
        return (groups[0], groups[1]);
    }

    [Fact]
    public void Measured_output_error_ranks_every_channel_of_the_cheap_group_first()
    {
        var model = ChannelNetworks.Random(11, affine: false);
        var analysis = ChannelAnalyzer.Analyze(model);
        var (cheap, dear) = TwoGroups(analysis);
        var calibration = new FakeOutputCalibration(cheap.Producers[0], dear.Producers[0]);
        var moments = ChannelMoments.Measure(model, ChannelVarianceScore.ObservedValues(analysis), calibration, CancellationToken.None);
        var scores = ChannelVarianceScore.Score(analysis, moments);
        var measured = OutputSensitivity.Rescale(model, analysis, _ => null, scores, moments, calibration, n => [n / 2], 2, CancellationToken.None);
        double worstCheap = cheap.Components.Max(c => measured[c]), bestDear = dear.Components.Min(c => measured[c]);
        Assert.True(worstCheap < bestDear, $"cheap group's highest score {worstCheap} should be below the dear group's lowest {bestDear}");
    }

    [Fact]
    public void Amount_zero_leaves_the_model_unchanged()
    {
        var model = ChannelNetworks.Random(11, affine: false);
        var original = Equivalence.Clone(model);
        var (cheap, dear) = TwoGroups(ChannelAnalyzer.Analyze(model));
        var context = new PassContext { ChannelCalibration = new FakeOutputCalibration(cheap.Producers[0], dear.Producers[0]) };
        var report = new PassManager(PipelineRunner.Parse("prune-channels{amount=0 criterion=variance allocation=output}")).Run(model, context);
        Assert.Equal(0, report.Runs[0].Statistics.Get("channels-removed"));
        Equivalence.AssertSameOutputs(original, model, atol: 0, rtol: 0);
    }

    [Fact]
    public void Pruned_model_passes_the_verifier_and_runs()
    {
        var model = ChannelNetworks.Random(11, affine: false);
        var (cheap, dear) = TwoGroups(ChannelAnalyzer.Analyze(model));
        var context = new PassContext { ChannelCalibration = new FakeOutputCalibration(cheap.Producers[0], dear.Producers[0]) };
        var report = new PassManager(PipelineRunner.Parse("prune-channels{amount=0.3 round-to=1 criterion=variance ranking=per-flop allocation=output allocation-samples=1}"), [new Instrumentation.VerifyEachInstrumentation()]).Run(model, context);
        Assert.True(report.Runs[0].Statistics.Get("channels-removed") > 0);
        using var runner = new OrtRunner(model);
        Assert.NotEmpty(runner.Run(new InputGenerator().Generate(model)));
    }

    [Fact]
    public void Marginal_scores_follow_the_measured_curve_and_never_decrease()
    {
        // Points (2, 1) and (4, 5): slope 0.5 for the first two channels, 2 beyond; a measured fall (6, 4) clamps to 0.
        var marginal = OutputSensitivity.Marginal(8, [2, 4, 6], [1, 5, 4]);
        Assert.Equal(0.5, marginal[0], 6);
        Assert.Equal(0.5, marginal[1], 6);
        Assert.Equal(2, marginal[2], 6);
        Assert.Equal(2, marginal[3], 6);
        for (int r = 1; r < marginal.Length; r++)
        {
            Assert.True(marginal[r] > marginal[r - 1], $"score {r} {marginal[r]} should exceed score {r - 1} {marginal[r - 1]}");
        }
    }

    [Fact]
    public void Detection_error_ignores_anchors_without_a_class_score()
    {
        // [1, 4 + 1 class, 2 anchors]: anchor 0 scores 0.9, anchor 1 scores 0.01 before and after.
        long[] dims = [1, 5, 2];
        float[] reference = [10, 10, 20, 20, 4, 4, 0, 0, 0.9f, 0.01f];
        float[] moved = [10, 90, 20, 20, 4, 4, 0, 0, 0.8f, 0.01f];
        double score = 0.8f - (double)0.9f, norm = reference.Sum(v => (double)v * v);
        Assert.Equal(score * score, OutputError.Of(dims, reference, moved, detection: true), 9);
        Assert.Equal(((80.0 * 80.0) + (score * score)) / norm, OutputError.Of(dims, reference, moved, detection: false), 9);
    }
}
