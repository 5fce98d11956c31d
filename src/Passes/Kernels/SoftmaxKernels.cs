using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// Softmax and LogSoftmax. From opset 13 they normalise along `axis` (default -1); before, the input is seen as a
/// 2-D matrix split at `axis` (default 1) and each row is normalised.
/// </summary>
internal static class SoftmaxKernels
{
    public static IReadOnlyList<Tensor> Softmax(KernelCall c) => [Normalize(c, log: false)];

    public static IReadOnlyList<Tensor> LogSoftmax(KernelCall c) => [Normalize(c, log: true)];

    private static Tensor Normalize(KernelCall c, bool log)
    {
        var x = c.Input(0);
        if (!Numeric.IsReal(x.DataType))
        {
            throw c.Unsupported($"element type {x.DataType.OnnxName()} is not supported");
        }

        var dims = x.DimsArray();
        int axis = TensorMath.Axis(c.Int("axis", c.Opset < 13 ? 1 : -1), dims.Length, c.Node.OpType);
        long outer = dims[..axis].Aggregate(1L, TensorMath.Multiply);
        long length = c.Opset < 13 ? dims[axis..].Aggregate(1L, TensorMath.Multiply) : dims[axis];
        long inner = c.Opset < 13 ? 1 : dims[(axis + 1)..].Aggregate(1L, TensorMath.Multiply);
        var values = Numeric.Reals(x);
        var result = new double[values.Length];
        for (long o = 0; o < outer; o++)
        {
            for (long j = 0; j < inner; j++)
            {
                long start = (o * length * inner) + j;
                double max = double.NegativeInfinity;
                for (long k = 0; k < length; k++)
                {
                    max = Math.Max(max, values[start + (k * inner)]);
                }

                double sum = 0;
                for (long k = 0; k < length; k++)
                {
                    sum += Math.Exp(values[start + (k * inner)] - max);
                }

                for (long k = 0; k < length; k++)
                {
                    double shifted = values[start + (k * inner)] - max;
                    result[start + (k * inner)] = log ? shifted - Math.Log(sum) : Math.Exp(shifted) / sum;
                }
            }
        }

        return Numeric.FromReals(result, dims, x.DataType);
    }
}
