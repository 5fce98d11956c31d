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
