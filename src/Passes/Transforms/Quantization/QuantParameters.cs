using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>
/// One tensor's affine 8-bit quantization, q = clamp(round(x / Scale) + ZeroPoint) and x ≈ (q - ZeroPoint) * Scale,
/// rounding half to even as QuantizeLinear does.
/// </summary>
public sealed record QuantParameters(float Scale, int ZeroPoint, QuantType Type)
{
    public int QMin => Type == QuantType.UInt8 ? 0 : -128;

    public int QMax => Type == QuantType.UInt8 ? 255 : 127;

    public DataType ElementType => Type == QuantType.UInt8 ? DataType.UInt8 : DataType.Int8;

    /// <summary>
    /// Parameters covering <paramref name="range"/> widened to include zero (so zero is exact): UInt8 is asymmetric
    /// over 0..255, Int8 symmetric over -127..127 with zero point 0.
    /// </summary>
    public static QuantParameters FromRange(ActivationRange range, QuantType type)
    {
        float min = Math.Min(0, range.Min), max = Math.Max(0, range.Max);
        if (type == QuantType.Int8)
        {
            float absMax = Math.Max(-min, max);
            return new QuantParameters(absMax > 0 ? absMax / 127f : 1f, 0, type);
        }

        if (max - min <= 0)
        {
            return new QuantParameters(1f, 0, type);
        }

        float scale = (max - min) / 255f;
        int zeroPoint = (int)Math.Clamp(Math.Round(-min / scale, MidpointRounding.ToEven), 0, 255);
        return new QuantParameters(scale, zeroPoint, type);
    }

    public int Quantize(float x) => (int)Math.Clamp(Math.Round(x / Scale, MidpointRounding.ToEven) + ZeroPoint, QMin, QMax);

    public float Dequantize(int q) => (q - ZeroPoint) * Scale;

    /// <summary>The scale as a scalar initializer.</summary>
    public Tensor ScaleTensor() => Tensor.Scalar(Scale);

    /// <summary>The zero point as a scalar initializer of the quantized type.</summary>
    public Tensor ZeroPointTensor() => Type == QuantType.UInt8 ? Tensor.Scalar((byte)ZeroPoint) : Tensor.Scalar((sbyte)ZeroPoint);
}
