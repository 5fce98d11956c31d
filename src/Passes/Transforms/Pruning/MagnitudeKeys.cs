using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Transforms.Pruning;

/// <summary>
/// Turns weights into unsigned integer keys that sort exactly like their magnitudes: the IEEE bits with the sign
/// cleared. +0 and -0 both become key 0, NaN sorts above +Inf (so NaN weights are ranked largest and never pruned
/// before a finite one). Float and float16 share 32-bit keys (float16 widens to float exactly); double needs 64 bits.
/// </summary>
internal static class MagnitudeKeys
{
    private const uint FloatMagnitudeMask = 0x7FFF_FFFF;
    private const ulong DoubleMagnitudeMask = 0x7FFF_FFFF_FFFF_FFFF;

    public static bool NeedsWideKeys(DataType type) => type == DataType.Double;

    public static void Fill<TKey>(Tensor weights, Span<TKey> keys)
        where TKey : unmanaged
    {
        if (typeof(TKey) == typeof(uint))
        {
            Fill(weights, MemoryMarshal.Cast<TKey, uint>(keys));
        }
        else if (typeof(TKey) == typeof(ulong))
        {
            Fill(weights, MemoryMarshal.Cast<TKey, ulong>(keys));
        }
        else
        {
            throw new ArgumentException($"magnitude keys are uint or ulong, not {typeof(TKey).Name}", nameof(keys));
        }
    }

    public static void Fill(Tensor weights, Span<uint> keys)
    {
        switch (weights.DataType)
        {
            case DataType.Float:
                TensorPrimitives.BitwiseAnd(weights.Span<uint>(), FloatMagnitudeMask, keys);
                break;
            case DataType.Float16:
                TensorPrimitives.ConvertToSingle(weights.Span<Half>(), MemoryMarshal.Cast<uint, float>(keys));
                TensorPrimitives.BitwiseAnd(keys, FloatMagnitudeMask, keys);
                break;
            default:
                throw new ArgumentException($"no 32-bit magnitude keys for {weights.DataType.OnnxName()}", nameof(weights));
        }
    }

    public static void Fill(Tensor weights, Span<ulong> keys)
    {
        switch (weights.DataType)
        {
            case DataType.Double:
                TensorPrimitives.BitwiseAnd(weights.Span<ulong>(), DoubleMagnitudeMask, keys);
                break;
            case DataType.Float or DataType.Float16:
                // Only when mixed with double weights under scope=global: widen exactly, then take the magnitude.
                var narrow = new uint[keys.Length];
                Fill(weights, narrow);
                var floats = MemoryMarshal.Cast<uint, float>(narrow);
                for (int i = 0; i < keys.Length; i++)
                {
                    keys[i] = BitConverter.DoubleToUInt64Bits(floats[i]) & DoubleMagnitudeMask;
                }

                break;
            default:
                throw new ArgumentException($"no magnitude keys for {weights.DataType.OnnxName()}", nameof(weights));
        }
    }
}
