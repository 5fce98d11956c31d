using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// The magnitude pruning behind `prune-conv-l1`. Weights are ranked by (magnitude, position): equal magnitudes are
/// zeroed in index order (layer order first under global scope), so results are reproducible. Weights already zero
/// (either sign) count as pruned and are left as they are; newly pruned weights become +0 in the weight's own type.
/// The k-th smallest magnitude is found by radix selection (linear, no sort). Nothing is written here: each result
/// carries the new tensor for the caller to apply.
/// </summary>
public static class MagnitudePruner
{
    /// <summary>`round(amount * n)` (ties to even, like PyTorch's `prune.l1_unstructured`): how many of n weights to zero.</summary>
    public static long CountToPrune(double amount, long weights) => (long)Math.Round(amount * weights, MidpointRounding.ToEven);

    /// <summary>Layer scope: the `round(amount * n)` smallest-magnitude weights of this layer become zero.</summary>
    public static LayerPruneResult PruneLayer(ConvWeightTarget target, double amount)
    {
        var tensor = target.Tensor;
        long k = CountToPrune(amount, tensor.ElementCount);
        return MagnitudeKeys.NeedsWideKeys(tensor.DataType) ? PruneLayer<ulong>(target, tensor, k) : PruneLayer<uint>(target, tensor, k);
    }

    /// <summary>
    /// Global scope: one magnitude threshold over all targets so that `round(amount * N)` of their N weights are
    /// zero overall. Returns a result per target, in target order, and the threshold magnitude.
    /// </summary>
    public static (IReadOnlyList<LayerPruneResult> Layers, double Threshold) PruneGlobal(IReadOnlyList<ConvWeightTarget> targets, double amount)
    {
        bool wide = targets.Any(t => MagnitudeKeys.NeedsWideKeys(t.Tensor.DataType));
        return wide ? PruneGlobal<ulong>(targets, amount) : PruneGlobal<uint>(targets, amount);
    }

    /// <summary>2:4: in every group of 4 consecutive input channels (per output channel and kernel position) the 2 smallest become zero.</summary>
    public static LayerPruneResult PruneTwoOfFour(ConvWeightTarget target)
    {
        var tensor = target.Tensor;
        if (tensor.Rank < 2 || tensor.Dims[1] % 4 != 0)
        {
            throw new ArgumentException($"2:4 pruning needs input channels divisible by 4; '{target.Name}' has weight shape [{string.Join(",", tensor.Dims)}]", nameof(target));
        }

        return MagnitudeKeys.NeedsWideKeys(tensor.DataType) ? PruneTwoOfFour<ulong>(target, tensor) : PruneTwoOfFour<uint>(target, tensor);
    }

    private static LayerPruneResult PruneLayer<TKey>(ConvWeightTarget target, Tensor tensor, long k)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        int n = checked((int)tensor.ElementCount);
        var pooled = ArrayPool<TKey>.Shared.Rent(n);
        try
        {
            var keys = pooled.AsSpan(0, n);
            MagnitudeKeys.Fill(tensor, keys);
            long zeros = MagnitudeKernels.Count<TKey>(keys, TKey.Zero).Zeros;
            if (k <= zeros)
            {
                return new LayerPruneResult(target, n, zeros, zeros, null);
            }

            var (threshold, less) = RadixSelect.Select<TKey>(keys, k);
            long ties = k - less;
            return ZeroSelected(target, tensor, keys, threshold, ref ties);
        }
        finally
        {
            ArrayPool<TKey>.Shared.Return(pooled);
        }
    }

    private static (IReadOnlyList<LayerPruneResult> Layers, double Threshold) PruneGlobal<TKey>(IReadOnlyList<ConvWeightTarget> targets, double amount)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        var tensors = targets.Select(t => t.Tensor).ToList();
        int total = checked((int)tensors.Sum(t => t.ElementCount));
        var pooled = ArrayPool<TKey>.Shared.Rent(total);
        try
        {
            var keys = pooled.AsSpan(0, total);
            int offset = 0;
            foreach (var tensor in tensors)
            {
                int n = (int)tensor.ElementCount;
                MagnitudeKeys.Fill(tensor, keys.Slice(offset, n));
                offset += n;
            }

            // With no more to prune than is already zero, the selection is the first k zeros: nothing changes.
            long k = CountToPrune(amount, total);
            long zeros = MagnitudeKernels.Count<TKey>(keys, TKey.Zero).Zeros;
            var (threshold, less) = k <= zeros ? (TKey.Zero, 0L) : RadixSelect.Select<TKey>(keys, k);
            long ties = k - less;
            var results = new List<LayerPruneResult>(targets.Count);
            offset = 0;
            for (int i = 0; i < targets.Count; i++)
            {
                int n = (int)tensors[i].ElementCount;
                results.Add(ZeroSelected(targets[i], tensors[i], keys.Slice(offset, n), threshold, ref ties));
                offset += n;
            }

            return (results, KeyToMagnitude(threshold));
        }
        finally
        {
            ArrayPool<TKey>.Shared.Return(pooled);
        }
    }

    private static LayerPruneResult PruneTwoOfFour<TKey>(ConvWeightTarget target, Tensor tensor)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        int n = checked((int)tensor.ElementCount);
        var pooled = ArrayPool<TKey>.Shared.Rent(n);
        try
        {
            var keys = pooled.AsSpan(0, n);
            MagnitudeKeys.Fill(tensor, keys);
            int channels = (int)tensor.Dims[1];
            int stride = (int)(tensor.ElementCount / (tensor.Dims[0] * channels));
            var copy = GC.AllocateUninitializedArray<byte>(checked((int)tensor.ByteLength));
            var source = tensor.Bytes.Span;
            var (zerosBefore, zeroed) = tensor.DataType switch
            {
                DataType.Float => MagnitudeKernels.TwoOfFour<TKey, uint>(keys, MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(copy.AsSpan()), channels, stride),
                DataType.Float16 => MagnitudeKernels.TwoOfFour<TKey, ushort>(keys, MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(copy.AsSpan()), channels, stride),
                _ => MagnitudeKernels.TwoOfFour<TKey, ulong>(keys, MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(copy.AsSpan()), channels, stride),
            };
            return Result(target, tensor, zerosBefore, zeroed, zeroed == 0 ? null : copy);
        }
        finally
        {
            ArrayPool<TKey>.Shared.Return(pooled);
        }
    }

    /// <summary>
    /// Zeroes every weight whose key is below the threshold and, in index order, as many of those equal to it as
    /// <paramref name="ties"/> still allows (the count carries over between layers under global scope).
    /// </summary>
    private static LayerPruneResult ZeroSelected<TKey>(ConvWeightTarget target, Tensor tensor, ReadOnlySpan<TKey> keys, TKey threshold, ref long ties)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        var (zeros, less, equal) = MagnitudeKernels.Count(keys, threshold);
        long tiesHere = Math.Min(ties, equal);
        ties -= tiesHere;

        // A zero threshold selects only weights that are zero already.
        bool positive = threshold != TKey.Zero;
        long zeroed = positive ? less - zeros + tiesHere : 0;
        if (zeroed == 0)
        {
            return Result(target, tensor, zeros, 0, null);
        }

        var copy = GC.AllocateUninitializedArray<byte>(checked((int)tensor.ByteLength));
        var source = tensor.Bytes.Span;
        switch (tensor.DataType)
        {
            case DataType.Float:
                Zero<TKey, uint>(keys, MemoryMarshal.Cast<byte, uint>(source), MemoryMarshal.Cast<byte, uint>(copy.AsSpan()), threshold, tiesHere);
                break;
            case DataType.Float16:
                Zero<TKey, ushort>(keys, MemoryMarshal.Cast<byte, ushort>(source), MemoryMarshal.Cast<byte, ushort>(copy.AsSpan()), threshold, tiesHere);
                break;
            default:
                Zero<TKey, ulong>(keys, MemoryMarshal.Cast<byte, ulong>(source), MemoryMarshal.Cast<byte, ulong>(copy.AsSpan()), threshold, tiesHere);
                break;
        }

        return Result(target, tensor, zeros, zeroed, copy);
    }

    private static void Zero<TKey, TData>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TData> source, Span<TData> target, TKey threshold, long ties)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
        where TData : unmanaged
    {
        MagnitudeKernels.CopyZeroingBelow(keys, source, target, threshold);
        MagnitudeKernels.ZeroTies(keys, target, threshold, ties);
    }

    private static LayerPruneResult Result(ConvWeightTarget target, Tensor tensor, long zerosBefore, long zeroed, byte[]? copy)
    {
        Tensor? pruned = null;
        if (copy is not null)
        {
            pruned = Tensor.FromBytes(tensor.DataType, tensor.DimsArray(), copy);
            if (tensor.DocString is not null)
            {
                pruned = pruned.WithDocString(tensor.DocString);
            }
        }

        return new LayerPruneResult(target, tensor.ElementCount, zerosBefore, zerosBefore + zeroed, pruned);
    }

    private static double KeyToMagnitude<TKey>(TKey key)
        where TKey : unmanaged, IBinaryInteger<TKey>
    {
        return typeof(TKey) == typeof(uint)
            ? BitConverter.UInt32BitsToSingle(uint.CreateTruncating(key))
            : BitConverter.UInt64BitsToDouble(ulong.CreateTruncating(key));
    }
}
