using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// Symmetric INT8 weights (zero point 0, -127..127), one scale per slice along the channel axis or one for the
/// whole tensor, and INT32 biases at scale input_scale * weight_scale, as QLinearConv and TensorRT consume them.
/// </summary>
public static class WeightQuantizer
{
    /// <summary>The quantized weights and their scales (one per channel along <paramref name="axis"/>, or one when null).</summary>
    public static (sbyte[] Values, float[] Scales) Quantize(Tensor weight, int? axis)
    {
        var values = weight.ToArray<float>();
        var dims = weight.DimsArray();
        int channels = axis is { } a ? (int)dims[a] : 1;
        long inner = 1;
        for (int d = (axis ?? -1) + 1; d < dims.Length; d++)
        {
            inner *= dims[d];
        }

        if (axis is null)
        {
            inner = values.Length;
        }

        var scales = new float[channels];
        for (long i = 0; i < values.Length; i++)
        {
            int c = (int)(i / inner % channels);
            scales[c] = Math.Max(scales[c], Math.Abs(values[i]));
        }

        for (int c = 0; c < channels; c++)
        {
            // An all-zero channel quantizes to zeros at any scale; 1 keeps the division defined.
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var quantized = new sbyte[values.Length];
        for (long i = 0; i < values.Length; i++)
        {
            float scale = scales[(int)(i / inner % channels)];
            quantized[i] = (sbyte)Math.Clamp(Math.Round(values[i] / scale, MidpointRounding.ToEven), -127, 127);
        }

        return (quantized, scales);
    }

    /// <summary>The bias as INT32 at scale <paramref name="inputScale"/> * weight scale (per channel, or one scale broadcast).</summary>
    public static (int[] Values, float[] Scales) QuantizeBias(Tensor bias, float inputScale, float[] weightScales)
    {
        var values = bias.ToArray<float>();
        var scales = weightScales.Select(s => s * inputScale).ToArray();
        var quantized = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float scale = scales.Length == 1 ? scales[0] : scales[i];
            quantized[i] = (int)Math.Clamp(Math.Round(values[i] / scale, MidpointRounding.ToEven), int.MinValue + 1, int.MaxValue);
        }

        return (quantized, scales);
    }
}
