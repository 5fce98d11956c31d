using System.Globalization;
using FsCheck.Xunit;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>`prune-channels` with calibration: the least-squares refit and the activation criterion on random networks.</summary>
public sealed class ReconstructionTests
{
    /// <summary>Seeded random inputs as calibration samples, run through the backend's activation runner.</summary>
    private sealed class RandomCalibration(int samples) : IChannelCalibration
    {
        public int SampleCount => samples;

        public IActivationSession Open(Model model, IReadOnlyList<string> valueNames) => new Session(model, new ActivationRunner(model, valueNames));

        private sealed class Session(Model model, ActivationRunner runner) : IActivationSession
        {
            public void Run(int sample, ActivationCallback observe) =>
                runner.RunOne(new CalibrationSample($"random {sample}", new InputGenerator { Seed = 100 + sample }.Generate(model)), (n, d, v) => observe(n, d, v));

            public void Dispose() => runner.Dispose();
        }
    }

    private static PipelineRunReport Run(Model model, string text, IChannelCalibration calibration)
    {
        var context = new PassContext { ChannelCalibration = calibration };
        return new PassManager(PipelineRunner.Parse(text), [new Instrumentation.VerifyEachInstrumentation()]).Run(model, context);
    }

    [Property(MaxTest = 12)]
    public void Refit_never_increases_a_layers_calibration_error(int seed, byte amountPercent)
    {
        var model = ChannelNetworks.Random(seed);
        double amount = 0.2 + (amountPercent % 50 / 100.0);
        var report = Run(model, string.Create(CultureInfo.InvariantCulture, $"prune-channels{{amount={amount} round-to=1 reconstruct=true}}"), new RandomCalibration(4));
        var rows = report.Runs[0].Statistics.FindTable(ConvRefit.Table)?.Rows.Cast<RefitResult>() ?? [];
        foreach (var row in rows)
        {
            // Within float noise (the table used to compare values rounded to four digits).
            Assert.True(row.RelativeErrorAfter <= row.RelativeErrorBefore * (1 + 1e-4), $"{row.Conv}: {row.RelativeErrorAfter} > {row.RelativeErrorBefore}");
        }

        using var runner = new OrtRunner(model);
        Assert.NotEmpty(runner.Run(new InputGenerator().Generate(model)));
    }

    [Fact]
    public void Refit_brings_the_output_closer_to_the_unpruned_model()
    {
        var model = ChannelNetworks.Random(11, affine: false);
        var plain = Equivalence.Clone(model);
        var original = Equivalence.Clone(model);
        const string text = "prune-channels{amount=0.3 round-to=1 scope=layer reconstruct=true}";
        Run(model, text, new RandomCalibration(8));
        PipelineRunner.Run(plain, text.Replace("reconstruct=true", "reconstruct=false", StringComparison.Ordinal));
        double refit = Distance(original, model), unfitted = Distance(original, plain);
        Assert.True(refit < unfitted, $"refit {refit} vs plain {unfitted}");
    }

    [Fact]
    public void Mean_absorption_brings_the_output_closer_than_plain_removal()
    {
        var model = ChannelNetworks.Random(11, affine: false);
        var plain = Equivalence.Clone(model);
        var original = Equivalence.Clone(model);
        const string text = "prune-channels{amount=0.3 round-to=1 scope=layer}";
        var report = Run(model, text, new RandomCalibration(8));
        PipelineRunner.Run(plain, text);
        Assert.True(report.Runs[0].Statistics.Get("biases-compensated") > 0);
        double absorbed = Distance(original, model), unfitted = Distance(original, plain);
        Assert.True(absorbed < unfitted, $"absorbed {absorbed} vs plain {unfitted}");
    }

    [Fact]
    public void Activation_criterion_ranks_by_calibration_activations()
    {
        var model = ChannelNetworks.Random(21);
        var report = Run(model, "prune-channels{amount=0.25 criterion=activation}", new RandomCalibration(2));
        Assert.True(report.Runs[0].Statistics.Get("channels-removed") >= 0);
        using var runner = new OrtRunner(model);
        Assert.NotEmpty(runner.Run(new InputGenerator().Generate(model)));
    }

    [Property(MaxTest = 10)]
    public void Variance_criterion_ranks_constant_channels_last_however_large_their_mean(int seed, int pickSeed)
    {
        // The BN-folded case: zero filter weights but a large bias make a constant channel that the norm criteria
        // rank lowest although its consumers rely on it; after mean absorption it costs nothing to remove.
        var model = ChannelNetworks.Random(seed, affine: false);
        var analysis = ChannelAnalyzer.Analyze(model);
        var random = new Random(pickSeed);
        var constant = new HashSet<int>();
        foreach (var group in analysis.Groups.Where(g => g.Prunable && g.Channels > 2))
        {
            constant.UnionWith(group.Components.OrderBy(_ => random.Next()).Take(random.Next(1, group.Channels - 1)));
        }

        if (constant.Count == 0)
        {
            return;
        }

        PruneChannelsPropertyTests.ZeroChannels(model, analysis, constant, bias: 3);
        var calibration = new RandomCalibration(3);
        var moments = ChannelMoments.Measure(model, ChannelVarianceScore.ObservedValues(analysis), calibration, CancellationToken.None);
        var scores = ChannelVarianceScore.Score(analysis, moments);
        var others = scores.Where(p => !constant.Contains(p.Key) && analysis.Groups.Any(g => g.Prunable && g.Components.Contains(p.Key))).Select(p => p.Value).ToList();
        double worstConstant = constant.Max(c => scores[c]);
        Assert.True(worstConstant < 1e-9, $"a constant channel scored {worstConstant}");
        Assert.True(others.Order().ElementAt(others.Count / 2) > 1e-6, "the other channels should have a clear cost");
    }

    [Fact]
    public void Channel_moments_keep_the_variance_of_a_near_constant_channel()
    {
        // 1000 + 0.01·noise: E[x²]−E[x]² in floats would lose the variance entirely.
        var model = ChannelNetworks.Random(5, affine: false);
        var calibration = new ConstantCalibration();
        var moments = ChannelMoments.Measure(model, ["x"], calibration, CancellationToken.None);
        var variance = moments.Variance("x", 3);
        var mean = moments.Mean("x", 3);
        var expected = ConstantCalibration.Expected();
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c].Mean, mean[c], 1e-3);
            Assert.True(Math.Abs(variance[c] - expected[c].Variance) < 1e-2 * expected[c].Variance, $"channel {c}: {variance[c]} vs {expected[c].Variance}");
        }
    }

    /// <summary>Two samples whose channel c is 1000·c + 0.01·(seeded noise), with the exact moments computed in doubles.</summary>
    private sealed class ConstantCalibration : IChannelCalibration
    {
        private const int Plane = ChannelNetworks.Spatial * ChannelNetworks.Spatial;

        public int SampleCount => 2;

        public static float[] Sample(int sample)
        {
            var random = new Random(sample);
            return Enumerable.Range(0, 3 * Plane).Select(i => (float)((1000.0 * (i / Plane)) + 1000 + (0.01 * random.NextDouble()))).ToArray();
        }

        public static (double Mean, double Variance)[] Expected()
        {
            var all = Enumerable.Range(0, 2).Select(Sample).ToArray();
            return Enumerable.Range(0, 3).Select(c =>
            {
                var values = all.SelectMany(s => s.Skip(c * Plane).Take(Plane)).Select(v => (double)v).ToArray();
                double mean = values.Average();
                return (mean, values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            }).ToArray();
        }

        public IActivationSession Open(Model model, IReadOnlyList<string> valueNames) => new Session();

        private sealed class Session : IActivationSession
        {
            public void Run(int sample, ActivationCallback observe) => observe("x", [1, 3, ChannelNetworks.Spatial, ChannelNetworks.Spatial], Sample(sample));

            public void Dispose()
            {
            }
        }
    }

    [Fact]
    public void Sequential_refit_runs_and_never_increases_a_layers_calibration_error()
    {
        var model = ChannelNetworks.Random(11, affine: false);
        var report = Run(model, "prune-channels{amount=0.3 round-to=1 reconstruct=true refit-stages=3}", new RandomCalibration(4));
        var rows = (report.Runs[0].Statistics.FindTable(ConvRefit.Table)?.Rows ?? []).OfType<RefitResult>().ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.True(row.RelativeErrorAfter <= row.RelativeErrorBefore * (1 + 1e-4), $"{row.Conv}: {row.RelativeErrorAfter} > {row.RelativeErrorBefore}");
        }

        using var runner = new OrtRunner(model);
        Assert.NotEmpty(runner.Run(new InputGenerator().Generate(model)));
    }

    private static double Distance(Model reference, Model candidate)
    {
        using var a = new OrtRunner(reference);
        using var b = new OrtRunner(candidate);
        double sum = 0;
        for (int s = 0; s < 4; s++)
        {
            var inputs = new InputGenerator { Seed = 100 + s }.Generate(reference);
            var x = a.Run(inputs)["y"].Span<float>();
            var y = b.Run(inputs)["y"].Span<float>();
            for (int i = 0; i < x.Length; i++)
            {
                sum += (x[i] - y[i]) * (double)(x[i] - y[i]);
            }
        }

        return sum;
    }
}
