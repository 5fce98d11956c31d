using System.Numerics.Tensors;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Kernels;

/// <summary>MatMul with numpy semantics: 1-D operands are promoted and the added dim removed, batch dims broadcast.</summary>
internal static class MatMulKernel
{
    public static IReadOnlyList<Tensor> MatMul(KernelCall c)
    {
        var a = c.Input(0);
        var b = c.Input(1);
        Elementwise.RequirePair("MatMul", a, b);
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw c.Unsupported("operands must have rank 1 or more");
        }

        var aDims = a.Rank == 1 ? new[] { 1L, a.Dims[0] } : a.DimsArray();
        var bDims = b.Rank == 1 ? new[] { b.Dims[0], 1L } : b.DimsArray();
        long n = aDims[^2], k = aDims[^1], m = bDims[^1];
        if (bDims[^2] != k)
        {
            throw c.Unsupported($"inner dims differ: {a} × {b}");
        }

        var batch = TensorMath.Broadcast("MatMul", aDims[..^2], bDims[..^2]);
        var outDims = batch.Concat([n, m]).ToArray();
        var aMap = BatchOffsets(aDims[..^2], batch, n * k);
        var bMap = BatchOffsets(bDims[..^2], batch, k * m);
        var x = Numeric.Reals(a);
        var y = Numeric.Reals(b);
        var result = new double[TensorMath.Count(outDims)];
        for (int p = 0; p < aMap.Length; p++)
        {
            var block = result.AsSpan((int)(p * n * m), (int)(n * m));
            for (long i = 0; i < n; i++)
            {
                var row = block.Slice((int)(i * m), (int)m);
                for (long q = 0; q < k; q++)
                {
                    double factor = x[aMap[p] + (i * k) + q];
                    TensorPrimitives.MultiplyAdd(y.AsSpan((int)(bMap[p] + (q * m)), (int)m), factor, row, row);
                }
            }
        }

        var finalDims = outDims.ToList();
        if (b.Rank == 1)
        {
            finalDims.RemoveAt(finalDims.Count - 1);
        }

        if (a.Rank == 1)
        {
            finalDims.RemoveAt(finalDims.Count - (b.Rank == 1 ? 1 : 2));
        }

        return Numeric.IsReal(a.DataType)
            ? [Numeric.FromReals(result, finalDims.ToArray(), a.DataType)]
            : [Numeric.FromIntegers(result.Select(v => (long)v).ToArray(), finalDims.ToArray(), a.DataType)];
    }

    private static long[] BatchOffsets(long[] dims, long[] batch, long matrix)
    {
        var map = TensorMath.BroadcastMap(dims, batch);
        int count = (int)TensorMath.Count(batch);
        return Enumerable.Range(0, count).Select(i => (map is null ? i : map[i]) * matrix).ToArray();
    }
}
