using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.InteropServices;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// Converts float32 data to float16 with the range rules of `convert-fp16`: finite values beyond ±max-finite
/// become ±max-finite (instead of ±infinity), non-zero values closer to zero than min-positive become
/// ±min-positive (instead of zero, so epsilons stay epsilons), everything else rounds to nearest even.
/// Infinities and NaNs are kept. A vectorised scan finds out whether any value needs adjusting, so the common
/// case is one TensorPrimitives conversion straight into the new tensor's bytes.
/// </summary>
internal static class HalfConverter
{
    /// <summary>Half the smallest float16 subnormal: values at or below it round to zero.</summary>
    private const float FlushLimit = 2.98023224e-8f;

    public static HalfConversion Convert(Tensor source, float maxFinite, float minPositive)
    {
        var values = source.Span<float>();
        var (clamped, raised) = Count(values, maxFinite, minPositive);
        var bytes = new byte[values.Length * 2];
        var halves = MemoryMarshal.Cast<byte, Half>(bytes.AsSpan());
        if (clamped == 0 && raised == 0)
        {
            TensorPrimitives.ConvertToHalf(values, halves);
        }
        else
        {
            var adjusted = values.ToArray();
            Adjust(adjusted, maxFinite, minPositive);
            TensorPrimitives.ConvertToHalf(adjusted, halves);
        }

        long flushed = minPositive > FlushLimit ? 0 : CountFlushed(values, halves);
        return new HalfConversion(Tensor.FromBytes(DataType.Float16, source.DimsArray(), bytes), clamped, raised, flushed);
    }

    /// <summary>One float converted under the same rules (for scalar attributes).</summary>
    public static Half Convert(float value, float maxFinite, float minPositive)
    {
        float magnitude = MathF.Abs(value);
        if (magnitude > maxFinite && !float.IsInfinity(magnitude))
        {
            value = MathF.CopySign(maxFinite, value);
        }
        else if (magnitude > 0 && magnitude < minPositive)
        {
            value = MathF.CopySign(minPositive, value);
        }

        return (Half)value;
    }

    private static (long Clamped, long Raised) Count(ReadOnlySpan<float> values, float maxFinite, float minPositive)
    {
        var max = new Vector<float>(maxFinite);
        var min = new Vector<float>(minPositive);
        var infinity = new Vector<float>(float.PositiveInfinity);
        var clamped = Vector<int>.Zero;
        var raised = Vector<int>.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            foreach (var vector in vectors)
            {
                var magnitude = Vector.Abs(vector);

                // Comparison masks are -1 per matching lane, so subtracting them counts matches per lane.
                clamped -= Vector.GreaterThan(magnitude, max) & ~Vector.Equals(magnitude, infinity);
                raised -= Vector.LessThan(magnitude, min) & Vector.GreaterThan(magnitude, Vector<float>.Zero);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        long clampedCount = 0, raisedCount = 0;
        for (int lane = 0; lane < Vector<int>.Count; lane++)
        {
            clampedCount += clamped[lane];
            raisedCount += raised[lane];
        }

        for (; i < values.Length; i++)
        {
            float magnitude = MathF.Abs(values[i]);
            clampedCount += magnitude > maxFinite && !float.IsInfinity(magnitude) ? 1 : 0;
            raisedCount += magnitude > 0 && magnitude < minPositive ? 1 : 0;
        }

        return (clampedCount, raisedCount);
    }

    private static void Adjust(Span<float> values, float maxFinite, float minPositive)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float magnitude = MathF.Abs(values[i]);
            if (magnitude > maxFinite && !float.IsInfinity(magnitude))
            {
                values[i] = MathF.CopySign(maxFinite, values[i]);
            }
            else if (magnitude > 0 && magnitude < minPositive)
            {
                values[i] = MathF.CopySign(minPositive, values[i]);
            }
        }
    }

    private static long CountFlushed(ReadOnlySpan<float> values, ReadOnlySpan<Half> halves)
    {
        long flushed = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] != 0 && halves[i] == Half.Zero)
            {
                flushed++;
            }
        }

        return flushed;
    }
}
