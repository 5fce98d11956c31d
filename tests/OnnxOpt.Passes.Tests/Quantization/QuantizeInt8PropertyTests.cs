using Xunit;
using FsCheck;
using FsCheck.Xunit;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Quantization;
using OnnxOpt.TestSupport;

namespace OnnxOpt.Passes.Tests.Quantization;

/// <summary>
/// Random Conv/SiLU/Add/Concat/MaxPool networks: the INT8 model runs in ONNX Runtime and its outputs stay close to
/// the float model's on inputs it was not calibrated on (32 calibration samples). Random untrained networks with
/// one- or two-channel bottlenecks four Convs deep amplify quantization noise, so no single network gets a tight
/// bound: over seeds 1-1000 and both targets the signal-to-noise ratio measured min 12.8 dB, 1st percentile 23.7 dB,
/// median 41.2 dB, with 12 of 2,000 below 20 dB. So each network must keep 10 dB (a wrong scale or a dropped
/// zero point gives about 0 dB), and a fixed set of 100 networks must keep a median of 35 dB and 95 % above 20 dB.
/// </summary>
public sealed class QuantizeInt8PropertyTests
{
    private const int CalibrationSamples = 32;

    [Property(MaxTest = 12)]
    public bool Quantized_random_networks_stay_within_the_noise_bound(PositiveInt seed)
    {
        foreach (var target in new[] { QuantTarget.Ort, QuantTarget.TensorRt })
        {
            double snr = Snr(seed.Get, target);
            if (snr < 10)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed.Get}, target {target}: SNR {snr:F1} dB");
            }
        }

        return true;
    }

    [Theory]
    [InlineData(QuantTarget.Ort)]
    [InlineData(QuantTarget.TensorRt)]
    public void A_hundred_random_networks_keep_a_high_median_noise_ratio(QuantTarget target)
    {
        var ratios = Enumerable.Range(1, 100).Select(seed => Snr(seed, target)).Order().ToList();
        double median = (ratios[49] + ratios[50]) / 2;
        int above20 = ratios.Count(r => r >= 20);
        Assert.True(median >= 35, $"median SNR {median:F1} dB");
        Assert.True(above20 >= 95, $"{above20} of 100 networks at or above 20 dB; lowest {ratios[0]:F1} dB");
    }

    private static double Snr(int seed, QuantTarget target)
    {
        var original = RandomNetwork(seed);
        var quantized = Equivalence.Clone(original);
        QuantTestSupport.Run(quantized, new QuantizeInt8Options { Target = target }, samples: CalibrationSamples);
        return QuantTestSupport.SnrDb(original, quantized, seed: 1000 + seed);
    }

    /// <summary>x[1,C,6,6] through 2-6 random blocks; every Conv has random weights and bias.</summary>
    private static Model RandomNetwork(int seed)
    {
        var random = new Random(seed);
        var net = new Net(opset: 17);
        long channels = random.Next(1, 5);
        var current = net.Input("x", 1, channels, 6, 6);
        var features = new List<(Value Value, long Channels)> { (current, channels) };
        int blocks = random.Next(2, 7);
        for (int b = 0; b < blocks; b++)
        {
            switch (random.Next(4))
            {
                case 0 or 1:
                {
                    long outChannels = random.Next(1, 7);
                    int kernel = random.Next(2) == 0 ? 1 : 3;
                    var w = net.Const($"w{b}", Weights(random, outChannels * channels * kernel * kernel), outChannels, channels, kernel, kernel);
                    var bias = net.Const($"b{b}", Weights(random, outChannels), outChannels);
                    var conv = net.Op("Conv", [current, w, bias], [1, outChannels, 6, 6], NodeAttribute.Ints("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2));
                    current = net.Op("Mul", [conv, net.Op("Sigmoid", [conv], [1, outChannels, 6, 6])], [1, outChannels, 6, 6]);
                    channels = outChannels;
                    break;
                }

                case 2:
                {
                    var same = features.Where(f => f.Channels == channels && f.Value != current).Select(f => f.Value).ToList();
                    current = same.Count > 0 ? net.Op("Add", [current, same[random.Next(same.Count)]], [1, channels, 6, 6]) : net.Op("MaxPool", [current], [1, channels, 6, 6], NodeAttribute.Ints("kernel_shape", 3, 3), NodeAttribute.Ints("pads", 1, 1, 1, 1));
                    break;
                }

                default:
                {
                    var other = features[random.Next(features.Count)];
                    current = net.Op("Concat", [current, other.Value], [1, channels + other.Channels, 6, 6], NodeAttribute.Int("axis", 1));
                    channels += other.Channels;
                    break;
                }
            }

            features.Add((current, channels));
        }

        net.Output(current, "y");
        return net.Model;
    }

    private static float[] Weights(Random random, long count) => Enumerable.Range(0, (int)count).Select(_ => (random.NextSingle() * 2) - 1).ToArray();
}
