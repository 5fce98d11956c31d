using System.Buffers;
using System.Numerics;

namespace OnnxOpt.Passes;

/// <summary>
/// Finds the k-th smallest of unsigned keys in linear time without sorting: an MSD radix selection that
/// histograms 11 bits at a time, keeping only the keys whose leading digits match the chosen bucket. Two scans
/// of the input (histogram, gather) and work on a shrinking candidate set after that; no worst case input.
/// </summary>
internal static class RadixSelect
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;

    /// <summary>The k-th smallest key (1 &lt;= k &lt;= length) and how many keys are strictly smaller than it.</summary>
    public static (T Threshold, long Less) Select<T>(ReadOnlySpan<T> keys, long k)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, keys.Length);
        int width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * 8;
        Span<int> histogram = stackalloc int[Buckets];
        T[]? pooled = null;
        try
        {
            var current = keys;
            T prefix = T.Zero;
            int consumed = 0;
            long less = 0;
            long rank = k;
            while (consumed < width)
            {
                int digitBits = Math.Min(DigitBits, width - consumed);
                int shift = width - consumed - digitBits;
                int mask = (1 << digitBits) - 1;
                histogram.Clear();
                foreach (var key in current)
                {
                    histogram[int.CreateTruncating(key >> shift) & mask]++;
                }

                int bucket = 0;
                while (rank > histogram[bucket])
                {
                    rank -= histogram[bucket];
                    less += histogram[bucket];
                    bucket++;
                }

                prefix = (prefix << digitBits) | T.CreateTruncating(bucket);
                consumed += digitBits;
                if (histogram[bucket] == current.Length || consumed == width)
                {
                    continue;
                }

                // Keep only keys in the chosen bucket; later digits are decided among them.
                pooled ??= ArrayPool<T>.Shared.Rent(histogram[bucket]);
                int kept = 0;
                foreach (var key in current)
                {
                    if ((int.CreateTruncating(key >> shift) & mask) == bucket)
                    {
                        pooled[kept++] = key;
                    }
                }

                current = pooled.AsSpan(0, kept);
            }

            return (prefix, less);
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<T>.Shared.Return(pooled);
            }
        }
    }
}
