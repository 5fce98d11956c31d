using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Proofs that a binary elementwise node's constant operand is neutral: every element equals the neutral value
/// (0 or 1) and broadcasting it leaves the other operand's shape unchanged. Each check returns null when it holds,
/// else the reason it may not. Symbolic or unknown dims are never assumed to have a particular size.
/// </summary>
internal static class NeutralOperand
{
    public const double Zero = 0.0;

    public const double One = 1.0;

    /// <summary>Null when every element of <paramref name="constant"/> is exactly <paramref name="neutral"/> (-0.0 counts as 0).</summary>
    public static string? HasValue(Tensor constant, double neutral)
    {
        if (!IsNumeric(constant.DataType))
        {
            return $"{constant.DataType.OnnxName()} constants are not checked";
        }

        foreach (double v in constant.ToDoubleArray())
        {
            if (v != neutral)
            {
                return $"holds {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, not {neutral.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }

    /// <summary>Null when broadcasting <paramref name="constant"/> against a value of <paramref name="shape"/> gives that shape.</summary>
    public static string? KeepsShape(Tensor constant, string other, Shape? shape)
    {
        if (constant.Rank == 0)
        {
            return null;
        }

        if (shape is null)
        {
            return $"the rank of '{other}' is unknown";
        }

        if (constant.Rank > shape.Rank)
        {
            return $"the constant adds leading dims (rank {shape.Rank} to {constant.Rank})";
        }

        int offset = shape.Rank - constant.Rank;
        for (int i = 0; i < constant.Rank; i++)
        {
            long dim = constant.Dims[i];
            if (dim != 1 && shape[offset + i].Value != dim)
            {
                return $"constant dim {dim} may broadcast dim {shape[offset + i]} of '{other}'";
            }
        }

        return null;
    }

    private static bool IsNumeric(DataType type) => type is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16
        or DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64
        or DataType.UInt8 or DataType.UInt16 or DataType.UInt32 or DataType.UInt64;
}
