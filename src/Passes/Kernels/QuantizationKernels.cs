using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// QuantizeLinear and DequantizeLinear, per tensor or per axis (the `axis` attribute, default 1). Blocked
/// quantization (opset 21 `block_size`) is refused. Used when folding is asked to fold quantization.
/// </summary>
internal static class QuantizationKernels
{
    public static IReadOnlyList<Tensor> Dequantize(KernelCall c)
    {
        var x = c.Input(0);
        var scale = c.Input(1);
        var zeroPoint = c.Optional(2);
        RequireSupported(c, x, scale);
        var (channel, inner) = ChannelMap(c, x, scale);
        var values = Numeric.Integers(x);
        var scales = Numeric.Reals(scale);
        var zeros = zeroPoint is null ? new long[scales.Length] : Numeric.Integers(zeroPoint);
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int k = channel(i, inner);
            result[i] = (values[i] - zeros[k]) * scales[k];
        }

        return [Numeric.FromReals(result, x.DimsArray(), scale.DataType)];
    }

    public static IReadOnlyList<Tensor> Quantize(KernelCall c)
    {
        var x = c.Input(0);
        var scale = c.Input(1);
        var zeroPoint = c.Optional(2);
        RequireSupported(c, x, scale);
        var type = zeroPoint?.DataType ?? (DataType)c.Int("output_dtype", (long)DataType.UInt8);
        var (low, high) = type switch
        {
            DataType.UInt8 => (0L, 255L),
            DataType.Int8 => (-128L, 127L),
            DataType.UInt16 => (0L, 65535L),
            DataType.Int16 => (-32768L, 32767L),
            _ => throw c.Unsupported($"output type {type.OnnxName()} is not supported"),
        };
        var (channel, inner) = ChannelMap(c, x, scale);
        var values = Numeric.Reals(x);
        var scales = Numeric.Reals(scale);
        var zeros = zeroPoint is null ? new long[scales.Length] : Numeric.Integers(zeroPoint);
        var result = new long[values.Length];
        bool single = scale.DataType != DataType.Double;
        for (int i = 0; i < values.Length; i++)
        {
            int k = channel(i, inner);
            // Divide in the precision runtimes use (float for float scales): a quotient that lands on .5 in float
            // must round to even exactly as they do.
            double quotient = single ? (float)values[i] / (float)scales[k] : values[i] / scales[k];
            result[i] = Math.Clamp((long)Math.Round(quotient, MidpointRounding.ToEven) + zeros[k], low, high);
        }

        return [Numeric.FromIntegers(result, x.DimsArray(), type)];
    }

    private static void RequireSupported(KernelCall c, Tensor x, Tensor scale)
    {
        Numeric.Require(x, c.Node.OpType);
        if (!Numeric.IsReal(scale.DataType))
        {
            throw c.Unsupported($"scale of type {scale.DataType.OnnxName()} is not supported");
        }

        if (c.Int("block_size", 0) != 0)
        {
            throw c.Unsupported("blocked quantization is not supported");
        }
    }

    /// <summary>Maps a flat element index to its scale index: 0 per tensor, the channel along `axis` per axis.</summary>
    private static (Func<int, long, int> Channel, long Inner) ChannelMap(KernelCall c, Tensor x, Tensor scale)
    {
        if (scale.ElementCount == 1)
        {
            return ((_, _) => 0, 1);
        }

        var dims = x.DimsArray();
        int axis = TensorMath.Axis(c.Int("axis", 1), dims.Length, c.Node.OpType);
        if (scale.Rank != 1 || scale.ElementCount != dims[axis])
        {
            throw c.Unsupported($"scale of shape {TensorMath.Format(scale.Dims)} does not match axis {axis} of {TensorMath.Format(dims)}");
        }

        long inner = dims[(axis + 1)..].Aggregate(1L, TensorMath.Multiply);
        long channels = dims[axis];
        return ((i, stride) => (int)(i / stride % channels), inner);
    }
}
