using System.Buffers;
using System.Numerics;
using OnnxOpt.Graph;

namespace OnnxOpt.Passes;

/// <summary>
/// The magnitude pruning kernels behind `prune-conv-l1`. Weights are ranked by (magnitude, position): equal
/// magnitudes are zeroed in index order (layer order first under global scope), so results are reproducible.
/// Weights already zero (either sign) count as pruned and are left as they are; newly pruned weights become +0 in
/// the weight's own type. Nothing is written here: each result carries the new tensor for the caller to apply.
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
        return MagnitudeKeys.NeedsWideKeys(tensor.DataType)
            ? PruneLayer<ulong>(target, tensor, k)
            : PruneLayer<uint>(target, tensor, k);
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

        return MagnitudeKeys.NeedsWideKeys(tensor.DataType)
            ? PruneTwoOfFour<ulong>(target, tensor)
            : PruneTwoOfFour<uint>(target, tensor);
    }

    private static LayerPruneResult PruneLayer<T>(ConvWeightTarget target, Tensor tensor, long k)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        int n = checked((int)tensor.ElementCount);
        var keys = ArrayPool<T>.Shared.Rent(n);
        try
        {
            Fill(tensor, keys.AsSpan(0, n));
            var (threshold, less) = k == 0 ? (T.Zero, 0L) : RadixSelect.Select<T>(keys.AsSpan(0, n), k);
            long ties = k - less;
            return ZeroSelected<T>(target, tensor, keys.AsSpan(0, n), threshold, ref ties);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(keys);
        }
    }

    private static (IReadOnlyList<LayerPruneResult> Layers, double Threshold) PruneGlobal<T>(IReadOnlyList<ConvWeightTarget> targets, double amount)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var tensors = targets.Select(t => t.Tensor).ToList();
        long total = tensors.Sum(t => t.ElementCount);
        var keys = ArrayPool<T>.Shared.Rent(checked((int)total));
        try
        {
            int offset = 0;
            foreach (var tensor in tensors)
            {
                int n = (int)tensor.ElementCount;
                Fill(tensor, keys.AsSpan(offset, n));
                offset += n;
            }

            long k = CountToPrune(amount, total);
            var (threshold, less) = k == 0 ? (T.Zero, 0L) : RadixSelect.Select<T>(keys.AsSpan(0, offset), k);
            long ties = k - less;
            var results = new List<LayerPruneResult>(targets.Count);
            offset = 0;
            for (int i = 0; i < targets.Count; i++)
            {
                int n = (int)tensors[i].ElementCount;
                results.Add(ZeroSelected<T>(targets[i], tensors[i], keys.AsSpan(offset, n), threshold, ref ties));
                offset += n;
            }

            return (results, k == 0 ? 0 : KeyToMagnitude(threshold));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(keys);
        }
    }

    private static LayerPruneResult PruneTwoOfFour<T>(ConvWeightTarget target, Tensor tensor)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        int n = checked((int)tensor.ElementCount);
        var keys = ArrayPool<T>.Shared.Rent(n);
        try
        {
            Fill(tensor, keys.AsSpan(0, n));
            int elementSize = (int)(tensor.ByteLength / Math.Max(1, n));
            int channels = (int)tensor.Dims[1];
            int stride = (int)(tensor.ElementCount / (tensor.Dims[0] * channels));
            var source = tensor.Bytes.Span;
            byte[]? copy = null;
            long zerosBefore = 0, zeroed = 0;
            Span<int> group = stackalloc int[4];
            for (int outer = 0; outer < n; outer += channels * stride)
            {
                for (int position = 0; position < stride; position++)
                {
                    for (int c = 0; c < channels; c += 4)
                    {
                        for (int j = 0; j < 4; j++)
                        {
                            group[j] = outer + ((c + j) * stride) + position;
                        }

                        for (int j = 0; j < 4; j++)
                        {
                            T key = keys[group[j]];
                            if (key == T.Zero)
                            {
                                zerosBefore++;
                            }

                            // Rank by (magnitude, index): how many of the group come before this weight.
                            int before = 0;
                            for (int o = 0; o < 4; o++)
                            {
                                T other = keys[group[o]];
                                before += other < key || (other == key && o < j) ? 1 : 0;
                            }

                            if (before < 2 && key != T.Zero)
                            {
                                copy ??= source.ToArray();
                                copy.AsSpan(group[j] * elementSize, elementSize).Clear();
                                zeroed++;
                            }
                        }
                    }
                }
            }

            return Result(target, tensor, n, zerosBefore, zeroed, copy);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(keys);
        }
    }

    /// <summary>Zeroes keys below the threshold and, in order, as many keys equal to it as <paramref name="ties"/> allows.</summary>
    private static LayerPruneResult ZeroSelected<T>(ConvWeightTarget target, Tensor tensor, ReadOnlySpan<T> keys, T threshold, ref long ties)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        int n = keys.Length;
        int elementSize = n == 0 ? 0 : (int)(tensor.ByteLength / n);
        var source = tensor.Bytes.Span;
        byte[]? copy = null;
        long zerosBefore = 0, zeroed = 0;
        for (int i = 0; i < n; i++)
        {
            T key = keys[i];
            bool isZero = key == T.Zero;
            zerosBefore += isZero ? 1 : 0;
            bool selected = key < threshold;
            if (!selected && key == threshold && ties > 0)
            {
                ties--;
                selected = true;
            }

            if (selected && !isZero)
            {
                copy ??= source.ToArray();
                copy.AsSpan(i * elementSize, elementSize).Clear();
                zeroed++;
            }
        }

        return Result(target, tensor, n, zerosBefore, zeroed, copy);
    }

    private static LayerPruneResult Result(ConvWeightTarget target, Tensor tensor, long n, long zerosBefore, long zeroed, byte[]? copy)
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

        return new LayerPruneResult(target, n, zerosBefore, zerosBefore + zeroed, pruned);
    }

    private static void Fill<T>(Tensor tensor, Span<T> keys)
        where T : unmanaged
    {
        if (typeof(T) == typeof(uint))
        {
            MagnitudeKeys.Fill(tensor, System.Runtime.InteropServices.MemoryMarshal.Cast<T, uint>(keys));
        }
        else
        {
            MagnitudeKeys.Fill(tensor, System.Runtime.InteropServices.MemoryMarshal.Cast<T, ulong>(keys));
        }
    }

    private static double KeyToMagnitude<T>(T key)
        where T : unmanaged, IBinaryInteger<T>
    {
        return typeof(T) == typeof(uint)
            ? BitConverter.UInt32BitsToSingle(uint.CreateTruncating(key))
            : BitConverter.UInt64BitsToDouble(ulong.CreateTruncating(key));
    }
}
