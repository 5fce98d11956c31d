using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Traces an int64 shape tensor through Concat, Gather, Unsqueeze and Slice back to dims of <c>Shape(v)</c> and
/// constants, element by element. Only exact index arithmetic is followed: every index and bound must be a constant.
/// </summary>
internal static class ShapeTrace
{
    /// <summary>The elements of 1-D <paramref name="value"/>, or null with <paramref name="reason"/> when they cannot be traced.</summary>
    public static ShapeEntry[]? Trace(Value value, Func<Value, int?> rankOf, out string reason)
    {
        var (entries, scalar, why) = Decode(value, rankOf, depth: 0);
        reason = why;
        if (entries is not null && scalar)
        {
            reason = $"'{value.Name}' is a scalar";
            return null;
        }

        return entries;
    }

    private static (ShapeEntry[]? Entries, bool Scalar, string Reason) Decode(Value value, Func<Value, int?> rankOf, int depth)
    {
        if (depth > 16)
        {
            return Fail("the shape chain is too deep");
        }

        if (ConstantValues.TryGet(value) is { } tensor)
        {
            if (tensor.DataType != DataType.Int64 || tensor.Rank > 1)
            {
                return Fail($"constant '{value.Name}' is not an int64 scalar or 1-D tensor");
            }

            return ([.. tensor.ToInt64Array().Select(ShapeEntry.Constant)], tensor.Rank == 0, string.Empty);
        }

        if (value.Producer is not { } node || !node.IsDefaultDomain)
        {
            return Fail($"'{value.Name}' is not computed by a default-domain node");
        }

        return node.OpType switch
        {
            "Shape" => FromShape(node, rankOf),
            "Gather" => FromGather(node, rankOf, depth),
            "Unsqueeze" => FromUnsqueeze(node, rankOf, depth),
            "Slice" => FromSlice(node, rankOf, depth),
            "Concat" => FromConcat(node, rankOf, depth),
            _ => Fail($"'{value.Name}' comes from {node.OpType}"),
        };
    }

    private static (ShapeEntry[]?, bool, string) FromShape(Node node, Func<Value, int?> rankOf)
    {
        if (node.Input(0) is not { } data)
        {
            return Fail($"Shape '{node.Name}' has no input");
        }

        bool sliced = node.HasAttribute("start") || node.HasAttribute("end");
        long? rank = rankOf(data);
        if (rank is null && !sliced && node.Output(0).Shape is { Rank: 1 } outShape)
        {
            rank = outShape[0].Value;
        }

        if (rank is not { } r)
        {
            return Fail($"the rank of '{data.Name}' is unknown");
        }

        long start = Clamp(node.GetInt("start", 0), r);
        long end = Clamp(node.GetInt("end", r), r);
        return ([.. Range(start, end).Select(i => ShapeEntry.Copy(data, i))], false, string.Empty);
    }

    private static (ShapeEntry[]?, bool, string) FromGather(Node node, Func<Value, int?> rankOf, int depth)
    {
        if (node.GetInt("axis", 0) is not (0 or -1))
        {
            return Fail($"Gather '{node.Name}' is not on axis 0");
        }

        if (ConstantValues.TryGet(node.Input(1)) is not { DataType: DataType.Int64 or DataType.Int32, Rank: <= 1 } indices)
        {
            return Fail($"Gather '{node.Name}' has no constant scalar or 1-D indices");
        }

        if (GatherOfWholeShape(node, rankOf, indices) is { } copied)
        {
            return (copied, indices.Rank == 0, string.Empty);
        }

        var (source, scalar, reason) = Decode(node.Input(0)!, rankOf, depth + 1);
        if (source is null || scalar)
        {
            return Fail(source is null ? reason : $"Gather '{node.Name}' reads a scalar");
        }

        var picked = new List<ShapeEntry>();
        foreach (long raw in indices.ToInt64Array())
        {
            long index = raw < 0 ? raw + source.Length : raw;
            if (index < 0 || index >= source.Length)
            {
                return Fail($"Gather '{node.Name}' index {raw} is out of range");
            }

            picked.Add(source[index]);
        }

        return ([.. picked], indices.Rank == 0, string.Empty);
    }

    /// <summary>
    /// Non-negative indices into <c>Shape(data)</c> (with a non-negative start and no end) name input dims without
    /// knowing the rank; the original model fails at run time wherever such an index is out of range.
    /// </summary>
    private static ShapeEntry[]? GatherOfWholeShape(Node gather, Func<Value, int?> rankOf, Tensor indices)
    {
        if (gather.Input(0)?.Producer is not { } shape || !shape.Is("Shape") || shape.Input(0) is not { } data || rankOf(data) is not null || shape.HasAttribute("end"))
        {
            return null;
        }

        long start = shape.GetInt("start", 0);
        long[] values = indices.ToInt64Array();
        return start < 0 || values.Any(i => i < 0) ? null : [.. values.Select(i => ShapeEntry.Copy(data, start + i))];
    }

    private static (ShapeEntry[]?, bool, string) FromUnsqueeze(Node node, Func<Value, int?> rankOf, int depth)
    {
        long[]? axes = node.GetInts("axes") is { } attribute ? [.. attribute] : ConstantValues.TryGetInts(node.Input(1));
        if (axes is not ([0] or [-1]))
        {
            return Fail($"Unsqueeze '{node.Name}' does not turn a scalar into a 1-D tensor");
        }

        var (source, scalar, reason) = Decode(node.Input(0)!, rankOf, depth + 1);
        if (source is null || !scalar)
        {
            return Fail(source is null ? reason : $"Unsqueeze '{node.Name}' does not read a scalar");
        }

        return (source, false, string.Empty);
    }

    private static (ShapeEntry[]?, bool, string) FromSlice(Node node, Func<Value, int?> rankOf, int depth)
    {
        if (node.Inputs.Count < 3)
        {
            return Fail($"Slice '{node.Name}' takes its bounds from attributes");
        }

        long[]? starts = ConstantValues.TryGetInts(node.Input(1));
        long[]? ends = ConstantValues.TryGetInts(node.Input(2));
        long[]? axes = node.Input(3) is null ? [0] : ConstantValues.TryGetInts(node.Input(3));
        long[]? steps = node.Input(4) is null ? [1] : ConstantValues.TryGetInts(node.Input(4));
        if (starts is not [var start] || ends is not [var end] || axes is not ([0] or [-1]) || steps is not [1])
        {
            return Fail($"Slice '{node.Name}' is not a constant unit-step slice of one axis");
        }

        var (source, scalar, reason) = Decode(node.Input(0)!, rankOf, depth + 1);
        if (source is null || scalar)
        {
            return Fail(source is null ? reason : $"Slice '{node.Name}' reads a scalar");
        }

        long from = Clamp(start, source.Length);
        long to = Clamp(end, source.Length);
        return ([.. Range(from, to).Select(i => source[i])], false, string.Empty);
    }

    private static (ShapeEntry[]?, bool, string) FromConcat(Node node, Func<Value, int?> rankOf, int depth)
    {
        if (node.GetInt("axis", 0) is not (0 or -1))
        {
            return Fail($"Concat '{node.Name}' is not on axis 0");
        }

        var entries = new List<ShapeEntry>();
        foreach (var input in node.Inputs)
        {
            if (input is null)
            {
                return Fail($"Concat '{node.Name}' has an empty input");
            }

            var (piece, scalar, reason) = Decode(input, rankOf, depth + 1);
            if (piece is null || scalar)
            {
                return Fail(piece is null ? reason : $"Concat '{node.Name}' reads a scalar");
            }

            entries.AddRange(piece);
        }

        return ([.. entries], false, string.Empty);
    }

    /// <summary>Resolves a negative bound against <paramref name="length"/> and clamps it to [0, length], as Shape and Slice do.</summary>
    private static long Clamp(long bound, long length) => Math.Clamp(bound < 0 ? bound + length : bound, 0, length);

    private static IEnumerable<int> Range(long from, long to) => from >= to ? [] : Enumerable.Range((int)from, (int)(to - from));

    private static (ShapeEntry[]?, bool, string) Fail(string reason) => (null, false, reason);
}
