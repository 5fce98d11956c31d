using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// A 64-bit hash of a tensor's type, dims and data, used to find candidate duplicates before comparing bytes.
/// Tensors are immutable, so each hash is computed once and cached for the tensor's lifetime (fixpoint loops
/// rerun the passes that need it).
/// </summary>
/// <remarks>
/// Equal tensors always hash equal, but for large tensors only a sample of the data is read (the start, the end
/// and evenly spaced words in between). Every user decides equality with a full byte compare, so the hash only
/// has to keep unequal tensors apart most of the time; reading all 12 MB of a model's weights for that cost
/// more than the compares it saves, and it is memory-bound work that slows parallel batch jobs.
/// </remarks>
internal static class TensorHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>Words read from each of the three parts of a sampled tensor.</summary>
    private const int SampleWords = 64;

    private static readonly ConditionalWeakTable<Tensor, StrongBox<ulong>> Cache = [];

    public static ulong Of(Tensor tensor) => Cache.GetValue(tensor, t => new StrongBox<ulong>(Compute(t))).Value;

    private static ulong Compute(Tensor tensor)
    {
        ulong hash = Mix((ulong)tensor.DataType, (ulong)tensor.Rank);
        foreach (long dim in tensor.Dims)
        {
            hash = Mix(hash, (ulong)dim);
        }

        if (tensor.Strings is { } strings)
        {
            foreach (var s in strings)
            {
                hash = Mix(hash, Bytes(s));
            }

            return hash;
        }

        var data = tensor.Bytes.Span;
        return Mix(hash, data.Length <= 3 * SampleWords * sizeof(ulong) ? Bytes(data) : Sample(data));
    }

    /// <summary>The first and last <see cref="SampleWords"/> words and as many spread evenly over the middle.</summary>
    private static ulong Sample(ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        ulong hash = Mix(Bytes(data[..(SampleWords * sizeof(ulong))]), Bytes(data[^(SampleWords * sizeof(ulong))..]));
        long stride = words.Length / (SampleWords + 1);
        for (int i = 1; i <= SampleWords; i++)
        {
            hash = Mix(hash, words[(int)(i * stride)]);
        }

        return Mix(hash, (ulong)data.Length);
    }

    /// <summary>Four independent multiply-rotate lanes over 8-byte words, so the loop is not one long dependency chain.</summary>
    private static ulong Bytes(ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        ulong a = Prime1, b = Prime2, c = Prime1 ^ Prime2, d = ~Prime1;
        int i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            a = BitOperations.RotateLeft(a + (words[i] * Prime2), 31) * Prime1;
            b = BitOperations.RotateLeft(b + (words[i + 1] * Prime2), 31) * Prime1;
            c = BitOperations.RotateLeft(c + (words[i + 2] * Prime2), 31) * Prime1;
            d = BitOperations.RotateLeft(d + (words[i + 3] * Prime2), 31) * Prime1;
        }

        ulong hash = Mix(Mix(a, b), Mix(c, d));
        for (; i < words.Length; i++)
        {
            hash = Mix(hash, words[i]);
        }

        for (int j = words.Length * sizeof(ulong); j < data.Length; j++)
        {
            hash = Mix(hash, data[j]);
        }

        return Mix(hash, (ulong)data.Length);
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value * Prime2;
        hash = BitOperations.RotateLeft(hash, 27) * Prime1;
        return hash ^ (hash >> 29);
    }
}
