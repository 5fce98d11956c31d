using System.Text;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Ops that only read or change a shape: Shape, Size, Reshape, Flatten, Squeeze, Unsqueeze, Identity, and Constant.</summary>
internal static class ShapeKernels
{
    public static IReadOnlyList<Tensor> Shape(KernelCall c) => [ShapeOf(c.Input(0).DimsArray(), c.Node.GetInt("start", 0), c.Node.FindAttribute("end")?.AsInt())];

    public static IReadOnlyList<Tensor> Size(KernelCall c) => [SizeOf(c.Input(0).DimsArray())];

    /// <summary>The Shape op's result for an input of <paramref name="dims"/> (opset 15 start/end slicing included).</summary>
    public static Tensor ShapeOf(long[] dims, long start, long? end)
    {
        int rank = dims.Length;
        int from = (int)Math.Clamp(start < 0 ? start + rank : start, 0, rank);
        long e = end ?? rank;
        int to = (int)Math.Clamp(e < 0 ? e + rank : e, 0, rank);
        var slice = to > from ? dims[from..to] : [];
        return Tensor.Create(slice, slice.Length);
    }

    public static Tensor SizeOf(long[] dims) => Tensor.Scalar(dims.Aggregate(1L, TensorMath.Multiply));

    public static IReadOnlyList<Tensor> Identity(KernelCall c) => [c.Input(0)];

    public static IReadOnlyList<Tensor> Reshape(KernelCall c)
    {
        var data = c.Input(0);
        var requested = c.Opset < 5 ? c.Ints("shape")?.ToArray() ?? throw c.Unsupported("missing shape attribute") : c.Input(1).ToInt64Array();
        return [data.Reshape(ReshapeDims(data.DimsArray(), requested, c.Int("allowzero", 0) != 0))];
    }

    /// <summary>Resolves Reshape's 0 (copy) and -1 (infer) entries against the input dims.</summary>
    public static long[] ReshapeDims(long[] input, long[] requested, bool allowZero)
    {
        var dims = new long[requested.Length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < requested.Length; i++)
        {
            long d = requested[i];
            if (d == 0 && !allowZero)
            {
                if (i >= input.Length)
                {
                    throw new KernelException($"Reshape: 0 at position {i} has no input dim to copy");
                }

                d = input[i];
            }

            if (d == -1)
            {
                if (infer >= 0)
                {
                    throw new KernelException("Reshape: more than one -1 in the shape");
                }

                infer = i;
                continue;
            }

            if (d < 0)
            {
                throw new KernelException($"Reshape: invalid dim {d}");
            }

            dims[i] = d;
            known = TensorMath.Multiply(known, d);
        }

        long total = input.Aggregate(1L, TensorMath.Multiply);
        if (infer >= 0)
        {
            if (known == 0 || total % known != 0)
            {
                throw new KernelException($"Reshape: cannot infer -1 reshaping {TensorMath.Format(input)} to {TensorMath.Format(requested)}");
            }

            dims[infer] = total / known;
        }
        else if (known != total)
        {
            throw new KernelException($"Reshape: {TensorMath.Format(input)} has {total} elements, {TensorMath.Format(requested)} needs {known}");
        }

        return dims;
    }

    public static IReadOnlyList<Tensor> Flatten(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        long axis = c.Int("axis", 1);
        int at = (int)(axis < 0 ? axis + dims.Length : axis);
        if (at < 0 || at > dims.Length)
        {
            throw c.Unsupported($"axis {axis} is out of range for rank {dims.Length}");
        }

        long outer = dims[..at].Aggregate(1L, TensorMath.Multiply);
        long inner = dims[at..].Aggregate(1L, TensorMath.Multiply);
        return [data.Reshape([outer, inner])];
    }

    /// <summary>Squeeze: axes are an attribute before opset 13 and an optional input from 13; none means every 1.</summary>
    public static IReadOnlyList<Tensor> Squeeze(KernelCall c)
    {
        var data = c.Input(0);
        var dims = data.DimsArray();
        var axes = c.Opset < 13 ? c.Ints("axes")?.ToArray() : c.Optional(1)?.ToInt64Array();
        return [data.Reshape(SqueezeDims(dims, axes))];
    }

    public static long[] SqueezeDims(long[] dims, long[]? axes)
    {
        if (axes is null)
        {
            return dims.Where(d => d != 1).ToArray();
        }

        var drop = TensorMath.Axes(axes, dims.Length, "Squeeze");
        foreach (int axis in drop)
        {
            if (dims[axis] != 1)
            {
                throw new KernelException($"Squeeze: dim {axis} of {TensorMath.Format(dims)} is not 1");
            }
        }

        return dims.Where((_, i) => Array.IndexOf(drop, i) < 0).ToArray();
    }

    /// <summary>Unsqueeze: axes are an attribute before opset 13 and a required input from 13, relative to the output rank.</summary>
    public static IReadOnlyList<Tensor> Unsqueeze(KernelCall c)
    {
        var data = c.Input(0);
        var axes = c.Opset < 13 ? c.Ints("axes")?.ToArray() ?? throw c.Unsupported("missing axes attribute") : c.Input(1).ToInt64Array();
        return [data.Reshape(UnsqueezeDims(data.DimsArray(), axes))];
    }

    public static long[] UnsqueezeDims(long[] dims, long[] axes)
    {
        int rank = dims.Length + axes.Length;
        var inserted = TensorMath.Axes(axes, rank, "Unsqueeze");
        var result = new long[rank];
        int next = 0;
        for (int i = 0; i < rank; i++)
        {
            result[i] = Array.IndexOf(inserted, i) >= 0 ? 1 : dims[next++];
        }

        return result;
    }

    /// <summary>Constant: value (tensor), value_float(s), value_int(s) or value_string(s).</summary>
    public static IReadOnlyList<Tensor> Constant(KernelCall c) => [ConstantValue(c.Node)];

    public static Tensor ConstantValue(Node node) =>
        ConstantNode.Value(node)
            ?? throw new KernelException(node.Attributes.Count == 0
                ? "Constant: no value attribute"
                : $"Constant: attribute '{node.Attributes[0].Name}' is not supported");
}
