using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Quantization;

namespace OnnxOpt.Passes.Tests.Quantization;

/// <summary>Seeded random calibration samples and the quantization runs the tests share.</summary>
internal static class QuantTestSupport
{
    public static IReadOnlyList<CalibrationSample> Samples(Model model, int count, int seed)
    {
        var generator = new InputGenerator { Seed = seed };
        return Enumerable.Range(0, count)
            .Select(i => new CalibrationSample($"random-{i}", generator.Generate(model, i)))
            .ToList();
    }

    public static PassContext Context(Model model, int samples = 4, int seed = 11) =>
        new() { ActivationStatistics = OrtActivationStatisticsProvider.FromSamples(Samples(model, samples, seed)) };

    public static PassContext Run(Model model, QuantizeInt8Options? options = null, int samples = 4)
    {
        var context = Context(model, samples);
        new QuantizeInt8(options).Run(model, context);
        return context;
    }

    /// <summary>Signal-to-noise ratio in dB of <paramref name="candidate"/> against <paramref name="reference"/> over every output.</summary>
    public static double SnrDb(Model reference, Model candidate, int seed)
    {
        var inputs = new InputGenerator { Seed = seed }.Generate(reference);
        var expected = OrtRunner.RunOnce(reference, inputs);
        var actual = OrtRunner.RunOnce(candidate, inputs);
        double signal = 0, noise = 0;
        foreach (var (name, tensor) in expected)
        {
            var e = tensor.ToArray<float>();
            var a = actual[name].ToArray<float>();
            for (int i = 0; i < e.Length; i++)
            {
                signal += (double)e[i] * e[i];
                noise += (double)(e[i] - a[i]) * (e[i] - a[i]);
            }
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }
}
