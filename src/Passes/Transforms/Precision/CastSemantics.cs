using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Precision;

/// <summary>
/// Which Casts lose nothing. A chain <c>Cast(A→B)</c> then <c>Cast(B→C)</c> equals <c>Cast(A→C)</c> exactly when every
/// value of A is representable in B (the middle step then rounds nothing), so only such chains are folded by
/// default; fp32→fp16→fp32 is a rounding, not a no-op.
/// </summary>
internal static class CastSemantics
{
    /// <summary>True when every value of <paramref name="from"/> converts to <paramref name="to"/> and back unchanged.</summary>
    public static bool IsExact(DataType from, DataType to)
    {
        if (from == to)
        {
            return true;
        }

        return from switch
        {
            DataType.Bool => to is DataType.UInt8 or DataType.Int8 or DataType.UInt16 or DataType.Int16 or DataType.UInt32
                or DataType.Int32 or DataType.UInt64 or DataType.Int64 or DataType.Float16 or DataType.BFloat16 or DataType.Float or DataType.Double,
            DataType.UInt8 => to is DataType.UInt16 or DataType.Int16 or DataType.UInt32 or DataType.Int32 or DataType.UInt64
                or DataType.Int64 or DataType.Float16 or DataType.BFloat16 or DataType.Float or DataType.Double,
            DataType.Int8 => to is DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.Float16 or DataType.BFloat16
                or DataType.Float or DataType.Double,
            DataType.UInt16 => to is DataType.UInt32 or DataType.Int32 or DataType.UInt64 or DataType.Int64 or DataType.Float or DataType.Double,
            DataType.Int16 => to is DataType.Int32 or DataType.Int64 or DataType.Float or DataType.Double,
            DataType.UInt32 => to is DataType.UInt64 or DataType.Int64 or DataType.Double,
            DataType.Int32 => to is DataType.Int64 or DataType.Double,
            DataType.Float16 or DataType.BFloat16 => to is DataType.Float or DataType.Double,
            DataType.Float => to == DataType.Double,
            _ => false,
        };
    }

    /// <summary>The IEEE-style float types whose casts only round (float8 and float4 types saturate and are left alone).</summary>
    public static bool IsRoundingFloat(DataType type) =>
        type is DataType.Float16 or DataType.BFloat16 or DataType.Float or DataType.Double;
}
