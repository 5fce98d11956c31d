using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Proofs that a node passes its first input through unchanged. Each rule returns null when the node is
/// provably a no-op and otherwise the reason it may not be. Rules only trust constants and declared static
/// dims; a symbolic or unknown dim is never assumed to have any particular size.
/// </summary>
internal static class NoOpRules
{
    public static string? Identity(Node node) => null;

    /// <summary>Dropout is the identity in inference: before opset 7 only with is_test=1; from opset 12 only when training_mode is absent or a constant false.</summary>
    public static string? Dropout(Node node, long opset)
    {
        if (opset < 7 && node.GetInt("is_test", 0) != 1)
        {
            return "is_test is not 1, so before opset 7 this Dropout runs in training mode";
        }

        if (node.Input(2) is { } trainingMode)
        {
            if (ConstantValues.TryGet(trainingMode) is not { ElementCount: 1 } flag)
            {
                return $"training_mode '{trainingMode.Name}' is not a constant";
            }

            if (flag.ToInt64Array()[0] != 0)
            {
                return "training_mode is true";
            }
        }

        return null;
    }

    public static string? Cast(Node node)
    {
        var input = node.Input(0)!;
        if (input.ElementType == DataType.Undefined || input.NonTensorType is not null)
        {
            return $"the element type of '{input.Name}' is unknown";
        }

        long to = node.GetInt("to", 0);
        return to == (long)input.ElementType ? null : $"casts {input.ElementType.OnnxName()} to {((DataType)to).OnnxName()}";
    }

    public static string? CastLike(Node node)
    {
        var input = node.Input(0)!;
        var like = node.Input(1);
        if (input.ElementType == DataType.Undefined || like is null || like.ElementType == DataType.Undefined)
        {
            return "an element type is unknown";
        }

        return like.ElementType == input.ElementType ? null : $"casts {input.ElementType.OnnxName()} to {like.ElementType.OnnxName()}";
    }

    /// <summary>Reshape to the input's own shape: every target dim is the input dim, a copied dim (0 without allowzero), or the one -1 when all other dims are static and non-zero.</summary>
    public static string? Reshape(Node node)
    {
        long[]? target = node.GetInts("shape") is { } attr ? [.. attr] : ConstantValues.TryGetInts(node.Input(1));
        if (target is null)
        {
            return "the target shape is not a constant";
        }

        if (node.Input(0)!.Shape is not { } shape)
        {
            return "the input rank is unknown";
        }

        if (target.Length != shape.Rank)
        {
            return $"changes the rank from {shape.Rank} to {target.Length}";
        }

        bool allowZero = node.GetInt("allowzero", 0) != 0;
        int inferred = -1;
        for (int i = 0; i < target.Length; i++)
        {
            long t = target[i];
            if (t == 0 && !allowZero)
            {
                continue;
            }

            if (t == -1 && inferred < 0)
            {
                inferred = i;
                continue;
            }

            if (shape[i].Value != t)
            {
                return $"target dim {i} is {t} but the input dim is {shape[i]}";
            }
        }

        if (inferred >= 0)
        {
            for (int i = 0; i < shape.Rank; i++)
            {
                if (i != inferred && shape[i].Value is not > 0)
                {
                    return $"dim {inferred} is inferred (-1) but input dim {i} is not a known non-zero size";
                }
            }
        }

        return null;
    }

    public static string? Transpose(Node node)
    {
        if (node.GetInts("perm") is not { } perm)
        {
            return node.Input(0)!.Shape is { Rank: <= 1 } ? null : "the default permutation reverses the axes";
        }

        for (int i = 0; i < perm.Count; i++)
        {
            if (perm[i] != i)
            {
                return $"permutation [{string.Join(",", perm)}] is not the identity";
            }
        }

        return null;
    }

    /// <summary>Expand to a shape that broadcasts to the input's own shape: not longer than its rank, every dim 1 or equal to a known input dim.</summary>
    public static string? Expand(Node node)
    {
        if (ConstantValues.TryGetInts(node.Input(1)) is not { } target)
        {
            return "the target shape is not a constant";
        }

        if (node.Input(0)!.Shape is not { } shape)
        {
            return "the input rank is unknown";
        }

        if (target.Length > shape.Rank)
        {
            return $"adds leading dims (rank {shape.Rank} to {target.Length})";
        }

        int offset = shape.Rank - target.Length;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] != 1 && shape[offset + i].Value != target[i])
            {
                return $"target dim {target[i]} may broadcast input dim {shape[offset + i]}";
            }
        }

        return null;
    }

    public static string? Pad(Node node)
    {
        long[]? pads = (node.GetInts("pads") ?? node.GetInts("paddings")) is { } attr ? [.. attr] : ConstantValues.TryGetInts(node.Input(1));
        if (pads is null)
        {
            return "the pads are not a constant";
        }

        return pads.All(p => p == 0) ? null : "pads are not all zero";
    }

    /// <summary>Slice that keeps every element: step 1, start 0 (or at or before -dim), end at or past a known dim (or INT64_MAX).</summary>
    public static string? Slice(Node node)
    {
        bool fromAttributes = node.HasAttribute("starts");
        long[]? starts = fromAttributes ? [.. node.GetInts("starts")!] : ConstantValues.TryGetInts(node.Input(1));
        long[]? ends = fromAttributes ? node.GetInts("ends") is { } e ? [.. e] : null : ConstantValues.TryGetInts(node.Input(2));
        var axesValue = fromAttributes ? null : node.Input(3);
        var stepsValue = fromAttributes ? null : node.Input(4);
        long[]? axes = fromAttributes ? node.GetInts("axes") is { } a ? [.. a] : null : ConstantValues.TryGetInts(axesValue);
        long[]? steps = ConstantValues.TryGetInts(stepsValue);
        if (starts is null || ends is null || (axesValue is not null && axes is null) || (stepsValue is not null && steps is null))
        {
            return "starts, ends, axes or steps are not constants";
        }

        if (node.Input(0)!.Shape is not { } shape)
        {
            return "the input rank is unknown";
        }

        if (starts.Length != ends.Length || (axes is not null && axes.Length != starts.Length) || (steps is not null && steps.Length != starts.Length))
        {
            return "starts, ends, axes and steps differ in length";
        }

        for (int i = 0; i < starts.Length; i++)
        {
            long axis = axes is null ? i : axes[i] < 0 ? axes[i] + shape.Rank : axes[i];
            if (axis < 0 || axis >= shape.Rank)
            {
                return $"axis {axis} is out of range";
            }

            if (steps is not null && steps[i] != 1)
            {
                return $"step on axis {axis} is {steps[i]}";
            }

            long? dim = shape[(int)axis].Value;
            bool fullStart = starts[i] == 0 || (starts[i] < 0 && dim is { } d1 && starts[i] + d1 <= 0);
            bool fullEnd = ends[i] == long.MaxValue || (dim is { } d2 && ends[i] >= d2);
            if (!fullStart || !fullEnd)
            {
                return $"slice [{starts[i]}:{ends[i]}] on axis {axis} may not cover dim {shape[(int)axis]}";
            }
        }

        return null;
    }

    public static string? Concat(Node node) => node.Inputs.Count == 1 ? null : $"concatenates {node.Inputs.Count} inputs";

    /// <summary>Split into one output; when sizes are given, the single size must equal the known dim.</summary>
    public static string? Split(Node node)
    {
        if (node.Outputs.Count != 1)
        {
            return $"has {node.Outputs.Count} outputs";
        }

        var splitValue = node.Input(1);
        long[]? split = node.GetInts("split") is { } attr ? [.. attr] : ConstantValues.TryGetInts(splitValue);
        if (split is null)
        {
            return splitValue is null ? null : "the split sizes are not a constant";
        }

        if (node.Input(0)!.Shape is not { } shape)
        {
            return "the input rank is unknown";
        }

        long axis = node.GetInt("axis", 0);
        axis = axis < 0 ? axis + shape.Rank : axis;
        if (axis < 0 || axis >= shape.Rank || split.Length != 1 || shape[(int)axis].Value != split[0])
        {
            return "the split size may not cover the whole axis";
        }

        return null;
    }
}
