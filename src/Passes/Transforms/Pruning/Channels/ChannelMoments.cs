using System.Numerics.Tensors;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>
/// Per-channel mean, variance and mean absolute value of NCHW values over every position of every calibration
/// sample, so one calibration pass serves every data-driven criterion and mean absorption. Each sample's
/// squared deviations are taken from that sample's own channel mean and merged with Chan's formula, because the
/// channels that matter most here are near-constant ones (large mean, small variance), where E[x²]−E[x]² in floats
/// would cancel to noise.
/// </summary>
public sealed class ChannelMoments
{
    private readonly Dictionary<string, (double[] Mean, double[] M2, double[] AbsoluteSum, long Count)> _values = [];
    private float[] _buffer = [];

    /// <summary>Runs every calibration sample once with <paramref name="valueNames"/> observed and folds them in.</summary>
    public static ChannelMoments Measure(Graph.IR.Model model, IReadOnlyList<string> valueNames, IChannelCalibration calibration, CancellationToken cancellation)
    {
        var moments = new ChannelMoments();
        if (valueNames.Count == 0)
        {
            return moments;
        }

        var wanted = valueNames.ToHashSet();
        using var session = calibration.Open(model, valueNames);
        for (int sample = 0; sample < calibration.SampleCount; sample++)
        {
            cancellation.ThrowIfCancellationRequested();
            session.Run(sample, (name, dims, values) =>
            {
                if (wanted.Contains(name))
                {
                    moments.Add(name, dims, values);
                }
            });
        }

        return moments;
    }

    public bool Has(string valueName) => _values.ContainsKey(valueName);

    /// <summary>The mean of every channel of the value (zeros when it was never observed).</summary>
    public double[] Mean(string valueName, int channels)
    {
        if (!_values.TryGetValue(valueName, out var v) || v.Count == 0)
        {
            return new double[channels];
        }

        return (double[])v.Mean.Clone();
    }

    /// <summary>The variance of every channel of the value (zeros when it was never observed).</summary>
    public double[] Variance(string valueName, int channels)
    {
        if (!_values.TryGetValue(valueName, out var v) || v.Count == 0)
        {
            return new double[channels];
        }

        return v.M2.Select(m => m / v.Count).ToArray();
    }

    /// <summary>The mean absolute value of every channel of the value (zeros when it was never observed).</summary>
    public double[] MeanAbsolute(string valueName, int channels)
    {
        if (!_values.TryGetValue(valueName, out var v) || v.Count == 0)
        {
            return new double[channels];
        }

        return v.AbsoluteSum.Select(s => s / v.Count).ToArray();
    }

    private void Add(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        int channels = dims.Length >= 2 ? (int)dims[1] : 1;
        int plane = values.Length / Math.Max(1, channels);
        if (!_values.TryGetValue(name, out var v))
        {
            v = (new double[channels], new double[channels], new double[channels], 0);
        }

        if (_buffer.Length < plane)
        {
            _buffer = new float[plane];
        }

        var deviations = _buffer.AsSpan(0, plane);
        double n = v.Count, total = v.Count + plane;
        for (int c = 0; c < channels; c++)
        {
            var slice = values.Slice(c * plane, plane);
            v.AbsoluteSum[c] += TensorPrimitives.SumOfMagnitudes(slice);
            float rough = TensorPrimitives.Sum(slice) / plane;
            TensorPrimitives.Subtract(slice, rough, deviations);
            // The corrected two-pass formula: the deviations' own mean removes the rounding error of the first mean.
            double shift = (double)TensorPrimitives.Sum<float>(deviations) / plane;
            double mean = rough + shift;
            double m2 = Math.Max(0, TensorPrimitives.SumOfSquares<float>(deviations) - (shift * shift * plane));
            double delta = mean - v.Mean[c];
            v.M2[c] += m2 + (delta * delta * n * plane / total);
            v.Mean[c] += delta * plane / total;
        }

        _values[name] = (v.Mean, v.M2, v.AbsoluteSum, v.Count + plane);
    }
}
