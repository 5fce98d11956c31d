namespace OnnxOpt.Graph.IR;

/// <summary>Facts about <see cref="DataType"/>: storage size, names as ONNX spells them, classification.</summary>
public static class DataTypes
{
    private static readonly string[] Names =
    [
        "undefined", "float", "uint8", "int8", "uint16", "int16", "int32", "int64", "string", "bool",
        "float16", "double", "uint32", "uint64", "complex64", "complex128", "bfloat16",
        "float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz", "uint4", "int4", "float4e2m1",
        "float8e8m0", "uint2", "int2",
    ];

    /// <summary>Bits one element occupies in <c>raw_data</c> (4-bit and 2-bit types are packed); 0 for string and undefined.</summary>
    public static int BitSize(this DataType type) => type switch
    {
        DataType.Float or DataType.Int32 or DataType.UInt32 => 32,
        DataType.UInt8 or DataType.Int8 or DataType.Bool => 8,
        DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ or DataType.Float8E8M0 => 8,
        DataType.UInt16 or DataType.Int16 or DataType.Float16 or DataType.BFloat16 => 16,
        DataType.Int64 or DataType.UInt64 or DataType.Double or DataType.Complex64 => 64,
        DataType.Complex128 => 128,
        DataType.UInt4 or DataType.Int4 or DataType.Float4E2M1 => 4,
        DataType.UInt2 or DataType.Int2 => 2,
        _ => 0,
    };

    /// <summary>Bytes needed to store <paramref name="count"/> elements in <c>raw_data</c>; a size past <see cref="long.MaxValue"/> is an <see cref="OnnxFormatException"/>.</summary>
    public static long ByteCount(this DataType type, long count)
    {
        int bits = type.BitSize();
        if (bits >= 8)
        {
            long width = bits / 8;
            return count <= long.MaxValue / width
                ? count * width
                : throw new OnnxFormatException($"a {type.OnnxName()} tensor of {count} elements is larger than a tensor can hold");
        }

        // Sub-byte types: whole bytes, the last one possibly half used; computed without forming count * bits.
        int perByte = bits == 0 ? 1 : 8 / bits;
        return bits == 0 ? 0 : (count / perByte) + (count % perByte == 0 ? 0 : 1);
    }

    /// <summary>The lower-case name ONNX uses in type strings (<c>float</c>, <c>float16</c>, <c>int64</c>).</summary>
    public static string OnnxName(this DataType type) =>
        (int)type >= 0 && (int)type < Names.Length ? Names[(int)type] : $"type{(int)type}";

    /// <summary>Parses an ONNX type name (as printed by <see cref="OnnxName"/>) back to the type.</summary>
    public static bool TryParse(string name, out DataType type)
    {
        int index = Array.IndexOf(Names, name.ToLowerInvariant());
        type = index < 0 ? DataType.Undefined : (DataType)index;
        return index >= 0;
    }

    public static bool IsFloatingPoint(this DataType type) => type is DataType.Float or DataType.Float16 or DataType.Double
        or DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2
        or DataType.Float8E5M2FNUZ or DataType.Float4E2M1 or DataType.Float8E8M0;

    public static bool IsInteger(this DataType type) => type is DataType.UInt8 or DataType.Int8 or DataType.UInt16
        or DataType.Int16 or DataType.Int32 or DataType.Int64 or DataType.UInt32 or DataType.UInt64
        or DataType.UInt4 or DataType.Int4 or DataType.UInt2 or DataType.Int2;

    /// <summary>Whether <paramref name="value"/> is a defined element type of this IR.</summary>
    public static bool IsKnown(int value) => value > 0 && value < Names.Length;
}
