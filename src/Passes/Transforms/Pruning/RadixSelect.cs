using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// Finds the k-th smallest of unsigned keys in linear time without sorting: an MSD radix selection that
/// histograms 11 bits at a time, keeping only the keys whose leading digits match the chosen bucket. The input is
/// scanned twice (histogram, gather); later digits work on the shrinking candidate set. No input is a worst case.
/// Keys must have their top bit clear (they are magnitudes: IEEE bits without the sign).
/// </summary>
internal static class RadixSelect
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Mask = Buckets - 1;

    /// <summary>The k-th smallest key (1 &lt;= k &lt;= length) and how many keys are strictly smaller than it.</summary>
    public static (T Threshold, long Less) Select<T>(ReadOnlySpan<T> keys, long k)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, keys.Length);
        int remaining = (Unsafe.SizeOf<T>() * 8) - 1;
        Span<int> histogram = stackalloc int[4 * Buckets];
        int shift = remaining - DigitBits;
        FirstHistogram(keys, shift, histogram);
        int bucket = Choose(histogram[..Buckets], ref k, out long less);
        T prefix = T.CreateTruncating(bucket);
        remaining -= DigitBits;
        int count = histogram[bucket];
        var pooled = ArrayPool<T>.Shared.Rent(count + 1);
        try
        {
            // Branch-free compaction: always write, advance only on a match.
            int kept = 0;
            foreach (var key in keys)
            {
                pooled[kept] = key;
                kept += (int.CreateTruncating(key >> shift) & Mask) == bucket ? 1 : 0;
            }

            return Finish(pooled.AsSpan(0, kept), prefix, remaining, k, less);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pooled);
        }
    }

    /// <summary>Decides the remaining digits among candidates that all share <paramref name="prefix"/>.</summary>
    private static (T Threshold, long Less) Finish<T>(Span<T> candidates, T prefix, int remaining, long rank, long less)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        Span<int> histogram = stackalloc int[Buckets];
        var current = candidates;
        while (remaining > 0)
        {
            int digitBits = Math.Min(DigitBits, remaining);
            int shift = remaining - digitBits;
            int mask = (1 << digitBits) - 1;
            histogram.Clear();
            foreach (var key in current)
            {
                histogram[int.CreateTruncating(key >> shift) & mask]++;
            }

            int bucket = Choose(histogram[..(mask + 1)], ref rank, out long below);
            less += below;
            prefix = (prefix << digitBits) | T.CreateTruncating(bucket);
            remaining -= digitBits;
            if (histogram[bucket] != current.Length && remaining > 0)
            {
                int kept = 0;
                for (int i = 0; i < current.Length; i++)
                {
                    if ((int.CreateTruncating(current[i] >> shift) & mask) == bucket)
                    {
                        current[kept++] = current[i];
                    }
                }

                current = current[..kept];
            }
        }

        return (prefix, less);
    }

    /// <summary>Histograms the leading digit into four interleaved tables (equal neighbours do not stall on one counter), then sums them into the first.</summary>
    private static void FirstHistogram<T>(ReadOnlySpan<T> keys, int shift, Span<int> histogram)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var h0 = histogram[..Buckets];
        var h1 = histogram.Slice(Buckets, Buckets);
        var h2 = histogram.Slice(2 * Buckets, Buckets);
        var h3 = histogram.Slice(3 * Buckets, Buckets);
        int i = 0;
        for (; i + 4 <= keys.Length; i += 4)
        {
            h0[int.CreateTruncating(keys[i] >> shift) & Mask]++;
            h1[int.CreateTruncating(keys[i + 1] >> shift) & Mask]++;
            h2[int.CreateTruncating(keys[i + 2] >> shift) & Mask]++;
            h3[int.CreateTruncating(keys[i + 3] >> shift) & Mask]++;
        }

        for (; i < keys.Length; i++)
        {
            h0[int.CreateTruncating(keys[i] >> shift) & Mask]++;
        }

        for (int b = 0; b < Buckets; b++)
        {
            h0[b] += h1[b] + h2[b] + h3[b];
        }
    }

    /// <summary>The bucket holding the rank-th key; rank becomes the rank inside it, below the count of keys in lower buckets.</summary>
    private static int Choose(ReadOnlySpan<int> histogram, ref long rank, out long below)
    {
        below = 0;
        int bucket = 0;
        while (rank > histogram[bucket])
        {
            rank -= histogram[bucket];
            below += histogram[bucket];
            bucket++;
        }

        return bucket;
    }
}
