using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>Keeps selected indices of one axis of a tensor, for any fixed-size element type.</summary>
public static class TensorSlicing
{
    public static Tensor Keep(Tensor tensor, int axis, IReadOnlyList<int> keep)
    {
        var dims = tensor.DimsArray();
        int elementSize = (int)tensor.DataType.ByteCount(1);
        long outer = dims[..axis].Aggregate(1L, (p, d) => p * d);
        long inner = dims[(axis + 1)..].Aggregate(1L, (p, d) => p * d) * elementSize;
        long length = dims[axis];
        var source = tensor.Bytes.Span;
        var result = new byte[outer * keep.Count * inner];
        long at = 0;
        for (long o = 0; o < outer; o++)
        {
            foreach (int k in keep)
            {
                source.Slice((int)(((o * length) + k) * inner), (int)inner).CopyTo(result.AsSpan((int)at, (int)inner));
                at += inner;
            }
        }

        dims[axis] = keep.Count;
        return Tensor.FromBytes(tensor.DataType, dims, result);
    }
}
