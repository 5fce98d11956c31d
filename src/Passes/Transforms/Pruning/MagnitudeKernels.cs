using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// The vectorised loops of magnitude pruning over keys (magnitude bits, see <see cref="MagnitudeKeys"/>) and the
/// weights' raw elements (uint for float, ushort for float16, ulong for double).
/// </summary>
internal static class MagnitudeKernels
{
    /// <summary>How many keys are zero, below the threshold, and equal to it.</summary>
    public static (long Zeros, long Less, long Equal) Count<TKey>(ReadOnlySpan<TKey> keys, TKey threshold)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        long zeros = 0, less = 0, equal = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && keys.Length >= Vector<TKey>.Count)
        {
            // Lane counters: a true comparison is all ones, so subtracting it adds one.
            var t = new Vector<TKey>(threshold);
            Vector<TKey> z = Vector<TKey>.Zero, l = Vector<TKey>.Zero, e = Vector<TKey>.Zero;
            var vectors = MemoryMarshal.Cast<TKey, Vector<TKey>>(keys);
            foreach (var v in vectors)
            {
                z -= Vector.Equals(v, Vector<TKey>.Zero);
                l -= Vector.LessThan(v, t);
                e -= Vector.Equals(v, t);
            }

            zeros = long.CreateTruncating(Vector.Sum(z));
            less = long.CreateTruncating(Vector.Sum(l));
            equal = long.CreateTruncating(Vector.Sum(e));
            i = vectors.Length * Vector<TKey>.Count;
        }

        for (; i < keys.Length; i++)
        {
            zeros += keys[i] == TKey.Zero ? 1 : 0;
            less += keys[i] < threshold ? 1 : 0;
            equal += keys[i] == threshold ? 1 : 0;
        }

        return (zeros, less, equal);
    }

    /// <summary>target[i] = 0 &lt; keys[i] &lt; threshold ? +0 : source[i] (a weight already zero keeps its sign bit).</summary>
    public static void CopyZeroingBelow<TKey, TData>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TData> source, Span<TData> target, TKey threshold)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
        where TData : unmanaged
    {
        int i = 0;
        if (Unsafe.SizeOf<TKey>() == Unsafe.SizeOf<TData>() && Vector.IsHardwareAccelerated)
        {
            var t = new Vector<TKey>(threshold);
            var keyVectors = MemoryMarshal.Cast<TKey, Vector<TKey>>(keys);
            var sourceVectors = MemoryMarshal.Cast<TData, Vector<TKey>>(source);
            var targetVectors = MemoryMarshal.Cast<TData, Vector<TKey>>(target);
            for (int v = 0; v < keyVectors.Length; v++)
            {
                var keep = Vector.GreaterThanOrEqual(keyVectors[v], t) | Vector.Equals(keyVectors[v], Vector<TKey>.Zero);
                targetVectors[v] = sourceVectors[v] & keep;
            }

            i = keyVectors.Length * Vector<TKey>.Count;
        }

        for (; i < keys.Length; i++)
        {
            target[i] = keys[i] < threshold && keys[i] != TKey.Zero ? default : source[i];
        }
    }

    /// <summary>Zeroes in target the first <paramref name="ties"/> elements whose key equals the threshold; returns how many it zeroed.</summary>
    public static long ZeroTies<TKey, TData>(ReadOnlySpan<TKey> keys, Span<TData> target, TKey threshold, long ties)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
        where TData : unmanaged
    {
        long zeroed = 0;
        int i = 0;
        var t = new Vector<TKey>(threshold);
        int width = Vector<TKey>.Count;
        while (zeroed < ties && i < keys.Length)
        {
            if (Vector.IsHardwareAccelerated && i + width <= keys.Length && !Vector.EqualsAny(new Vector<TKey>(keys.Slice(i, width)), t))
            {
                i += width;
                continue;
            }

            int end = Math.Min(keys.Length, i + width);
            for (; i < end && zeroed < ties; i++)
            {
                if (keys[i] == threshold)
                {
                    target[i] = default;
                    zeroed++;
                }
            }
        }

        return zeroed;
    }

    /// <summary>
    /// 2:4 over weights laid out [M, C, S] (S = kernel positions): for every m, every group of 4 channels and every s,
    /// the 2 smallest keys (ties by index) become +0 in target (a copy of source). Returns the zeros there were and
    /// how many non-zero weights it zeroed.
    /// </summary>
    public static (long ZerosBefore, long Zeroed) TwoOfFour<TKey, TData>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TData> source, Span<TData> target, int channels, int stride)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
        where TData : unmanaged, IBinaryInteger<TData>, IUnsignedNumber<TData>
    {
        long zerosBefore = 0, zeroed = 0;
        int block = channels * stride;
        for (int outer = 0; outer < keys.Length; outer += block)
        {
            for (int c = 0; c < channels; c += 4)
            {
                int b0 = outer + (c * stride), b1 = b0 + stride, b2 = b1 + stride, b3 = b2 + stride;
                for (int s = 0; s < stride; s++)
                {
                    TKey k0 = keys[b0 + s], k1 = keys[b1 + s], k2 = keys[b2 + s], k3 = keys[b3 + s];

                    // aIJ: weight I ranks before weight J (I < J, so an equal key ranks I first).
                    int a01 = k0 <= k1 ? 1 : 0, a02 = k0 <= k2 ? 1 : 0, a03 = k0 <= k3 ? 1 : 0;
                    int a12 = k1 <= k2 ? 1 : 0, a13 = k1 <= k3 ? 1 : 0, a23 = k2 <= k3 ? 1 : 0;
                    int before0 = 3 - a01 - a02 - a03;
                    int before1 = a01 + 2 - a12 - a13;
                    int before2 = a02 + a12 + 1 - a23;
                    int before3 = a03 + a13 + a23;
                    int zeros = (k0 == TKey.Zero ? 1 : 0) + (k1 == TKey.Zero ? 1 : 0) + (k2 == TKey.Zero ? 1 : 0) + (k3 == TKey.Zero ? 1 : 0);
                    zerosBefore += zeros;
                    zeroed += Math.Max(0, 2 - zeros);

                    // Branch-free: keep = all ones unless the weight is among the 2 smallest and not already zero.
                    target[b0 + s] = source[b0 + s] & KeepMask<TData>((before0 >= 2) | (k0 == TKey.Zero));
                    target[b1 + s] = source[b1 + s] & KeepMask<TData>((before1 >= 2) | (k1 == TKey.Zero));
                    target[b2 + s] = source[b2 + s] & KeepMask<TData>((before2 >= 2) | (k2 == TKey.Zero));
                    target[b3 + s] = source[b3 + s] & KeepMask<TData>((before3 >= 2) | (k3 == TKey.Zero));
                }
            }
        }

        return (zerosBefore, zeroed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T KeepMask<T>(bool keep)
        where T : unmanaged, IBinaryInteger<T> => T.CreateTruncating(-(long)(keep ? 1 : 0));
}
