using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// Detects 2:4 structured sparsity the way TensorRT's sparse kernels need it: in every group of four
/// consecutive weights along the input-channel axis (padded with zeros) at least two are zero. Conv weights
/// [K, C, kh, kw] group along C; Gemm/MatMul weights group along the reduction axis. Weights with fewer than
/// four input channels (depthwise, the RGB stem) are not counted: padding makes them trivially sparse.
/// </summary>
public static class StructuredSparsity
{
    public static StructuredSparsityReport Analyze(Model model)
    {
        int eligible = 0, sparse = 0;
        long eligibleParams = 0, sparseParams = 0;
        var names = new List<string>();
        foreach (var (weight, axis) in Weights(model))
        {
            var tensor = weight.ConstValue!;
            if (tensor.Rank < 2 || tensor.Dims[axis] < 4 || !tensor.DataType.IsFloatingPoint() || tensor.DataType is not (DataType.Float or DataType.Float16 or DataType.Double))
            {
                continue;
            }

            eligible++;
            eligibleParams += tensor.ElementCount;
            if (Is24Sparse(tensor, axis))
            {
                sparse++;
                sparseParams += tensor.ElementCount;
                names.Add(weight.Name);
            }
        }

        return new StructuredSparsityReport(eligible, sparse, eligibleParams, sparseParams, names);
    }

    /// <summary>Whether every group of four along <paramref name="axis"/> has at most two non-zeros.</summary>
    public static bool Is24Sparse(Tensor tensor, int axis)
    {
        var values = tensor.ToDoubleArray();
        var dims = tensor.Dims;
        long channels = dims[axis];
        long inner = 1;
        for (int d = axis + 1; d < dims.Count; d++)
        {
            inner *= dims[d];
        }

        long outer = values.Length / (channels * inner);
        for (long o = 0; o < outer; o++)
        {
            for (long i = 0; i < inner; i++)
            {
                long baseIndex = (o * channels * inner) + i;
                for (long c0 = 0; c0 < channels; c0 += 4)
                {
                    int nonZero = 0;
                    for (long c = c0; c < Math.Min(c0 + 4, channels); c++)
                    {
                        if (values[baseIndex + (c * inner)] != 0)
                        {
                            nonZero++;
                        }
                    }

                    if (nonZero > 2)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    // The weight initializers of layers TensorRT can run with sparse kernels, with their input-channel axis.
    private static IEnumerable<(Value Weight, int Axis)> Weights(Model model)
    {
        foreach (var node in model.Graph.Nodes)
        {
            var weight = node.Input(1);
            if (weight?.ConstValue is null)
            {
                continue;
            }

            if (node.Is("Conv") && node.GetInt("group", 1) == 1)
            {
                yield return (weight, 1);
            }
            else if (node.Is("Gemm"))
            {
                yield return (weight, node.GetInt("transB", 0) == 1 ? 1 : 0);
            }
            else if (node.Is("MatMul") && weight.ConstValue.Rank == 2)
            {
                yield return (weight, 0);
            }
        }
    }
}
