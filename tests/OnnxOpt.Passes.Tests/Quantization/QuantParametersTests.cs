using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Quantization;
using Xunit;

namespace OnnxOpt.Passes.Tests.Quantization;

public sealed class QuantParametersTests
{
    [Fact]
    public void Uint8_asymmetric_parameters_are_hand_computed()
    {
        // [-1, 3]: scale 4/255, zero point round(1 / (4/255)) = round(63.75) = 64.
        var p = QuantParameters.FromRange(new ActivationRange(-1, 3), QuantType.UInt8);
        Assert.Equal(4f / 255f, p.Scale, 6);
        Assert.Equal(64, p.ZeroPoint);
        Assert.Equal(64, p.Quantize(0));
        Assert.Equal(255, p.Quantize(10));
        Assert.Equal(0f, p.Dequantize(p.Quantize(0)));
    }

    [Fact]
    public void Ranges_are_widened_to_include_zero_and_int8_is_symmetric()
    {
        var positive = QuantParameters.FromRange(new ActivationRange(2, 4), QuantType.UInt8);
        Assert.Equal(0, positive.ZeroPoint);
        Assert.Equal(4f / 255f, positive.Scale, 6);

        var symmetric = QuantParameters.FromRange(new ActivationRange(-2, 1), QuantType.Int8);
        Assert.Equal(2f / 127f, symmetric.Scale, 6);
        Assert.Equal(0, symmetric.ZeroPoint);
        Assert.Equal(-127, symmetric.Quantize(-2));
    }

    [Fact]
    public void Weights_round_trip_within_half_a_scale_step_per_channel()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => (random.NextSingle() - 0.5f) * (1 + (i / 27))).ToArray();
        var weight = Tensor.Create(values, 4, 3, 3, 3);
        var (quantized, scales) = WeightQuantizer.Quantize(weight, axis: 0);

        Assert.Equal(4, scales.Length);
        for (int c = 0; c < 4; c++)
        {
            float absMax = values.Skip(c * 27).Take(27).Max(Math.Abs);
            Assert.Equal(absMax / 127f, scales[c], 6);
        }

        for (int i = 0; i < values.Length; i++)
        {
            float scale = scales[i / 27];
            Assert.InRange(values[i] - (quantized[i] * scale), -scale / 2 - 1e-7f, scale / 2 + 1e-7f);
            Assert.InRange(quantized[i], -127, 127);
        }
    }

    [Fact]
    public void Per_tensor_weights_share_one_scale_and_axis_one_slices_columns()
    {
        var weight = Tensor.Create([1f, -4f, 2f, 8f], 2, 2);
        Assert.Equal([8f / 127f], WeightQuantizer.Quantize(weight, axis: null).Scales);

        // Axis 1 of [[1, -4], [2, 8]]: columns {1, 2} and {-4, 8}.
        var (_, columns) = WeightQuantizer.Quantize(weight, axis: 1);
        Assert.Equal([2f / 127f, 8f / 127f], columns);
    }

    [Fact]
    public void Bias_is_int32_at_input_scale_times_weight_scale()
    {
        var (values, scales) = WeightQuantizer.QuantizeBias(Tensor.Create([1f, -0.5f], 2), 0.5f, [0.1f, 0.01f]);
        Assert.Equal([0.05f, 0.005f], scales);
        Assert.Equal([20, -100], values);
    }
}
