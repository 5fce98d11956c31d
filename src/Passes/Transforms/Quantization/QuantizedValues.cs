using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>Exact dequantization of constant tensors: (q - zero_point) * scale, per tensor or per slice along an axis.</summary>
internal static class QuantizedValues
{
    /// <summary>
    /// The float values of <paramref name="quantized"/> (uint8, int8 or int32). <paramref name="scale"/> and
    /// <paramref name="zeroPoint"/> hold one element, or one per slice along <paramref name="axis"/>.
    /// </summary>
    public static Tensor Dequantize(Tensor quantized, Tensor scale, Tensor? zeroPoint, int axis)
    {
        var q = quantized.ToDoubleArray();
        var s = scale.ToDoubleArray();
        var z = zeroPoint?.ToDoubleArray() ?? [0];
        var dims = quantized.DimsArray();
        if (axis < 0)
        {
            axis += dims.Length;
        }

        bool perAxis = s.Length > 1 || z.Length > 1;
        long inner = 1;
        for (int d = axis + 1; d < dims.Length; d++)
        {
            inner *= dims[d];
        }

        long channels = perAxis ? dims[axis] : 1;
        if (perAxis && (s.Length != channels || (z.Length != 1 && z.Length != channels)))
        {
            throw new QuantizationException($"a scale of {s.Length} and zero point of {z.Length} elements do not match axis {axis} of {quantized}");
        }

        var result = new float[q.Length];
        for (long i = 0; i < q.Length; i++)
        {
            long c = perAxis ? i / inner % channels : 0;
            result[i] = (float)((q[i] - z[z.Length == 1 ? 0 : c]) * s[s.Length == 1 ? 0 : c]);
        }

        return Tensor.Create(result, dims);
    }

    /// <summary>The scalar value of a one-element constant, or null.</summary>
    public static double? Scalar(Value? value) => value?.ConstValue is { ElementCount: 1 } t ? t.ToDoubleArray()[0] : null;
}
