using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>The groups of element types that opset versions added, as <see cref="TypeRule"/>s for the version table.</summary>
internal static class TypeSets
{
    private static readonly DataType[] Float8 = [DataType.Float8E4M3FN, DataType.Float8E4M3FNUZ, DataType.Float8E5M2, DataType.Float8E5M2FNUZ];

    private static readonly DataType[] Int4 = [DataType.Int4, DataType.UInt4];

    public static TypeRule BFloat16 { get; } = new(DataType.BFloat16);

    public static TypeRule Float16AndBFloat16 { get; } = new(DataType.Float16, DataType.BFloat16);

    /// <summary>8- and 16-bit integers (Add, Sub, Mul, Div at 14).</summary>
    public static TypeRule SmallIntegers { get; } = new(DataType.UInt8, DataType.Int8, DataType.UInt16, DataType.Int16);

    /// <summary>Signed integers (Relu at 14).</summary>
    public static TypeRule SignedIntegers { get; } = new(DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64);

    /// <summary>Every integer type (Clip, Max, Min, Pow at 12).</summary>
    public static TypeRule Integers { get; } = new(
        DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64);

    /// <summary>int8 and uint8 (MaxPool, ReduceMax, ReduceMin at 12).</summary>
    public static TypeRule Bytes { get; } = new(DataType.Int8, DataType.UInt8);

    public static TypeRule Bool { get; } = new(DataType.Bool);

    public static TypeRule String { get; } = new(DataType.String);

    public static TypeRule Float8Types { get; } = new(Float8);

    public static TypeRule Int4Types { get; } = new(Int4);

    public static TypeRule Float8AndInt4 { get; } = new([.. Float8, .. Int4]);

    public static TypeRule BFloat16AndFloat8 { get; } = new([DataType.BFloat16, .. Float8]);

    /// <summary>Quantization at 19 and QLinearMatMul at 21: float8 data and float16/bfloat16 scales.</summary>
    public static TypeRule Float8AndHalfScales { get; } = new([DataType.Float16, DataType.BFloat16, .. Float8]);

    /// <summary>IsInf at 20: every float type but float and double.</summary>
    public static TypeRule HalfAndFloat8 { get; } = new([DataType.Float16, DataType.BFloat16, .. Float8]);
}
