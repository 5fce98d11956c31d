using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>The broadcasting loops the arithmetic, comparison and logical kernels share.</summary>
internal static class Elementwise
{
    /// <summary>Broadcasts two inputs in the double domain; <paramref name="fast"/> (a TensorPrimitives call) handles equal shapes.</summary>
    public static double[] Reals(string op, Tensor a, Tensor b, Func<double, double, double> f, out long[] dims, Action<double[], double[], double[]>? fast = null)
    {
        dims = TensorMath.Broadcast(op, a.Dims, b.Dims);
        var x = Numeric.Reals(a);
        var y = Numeric.Reals(b);
        var result = new double[TensorMath.Count(dims)];
        var mapA = TensorMath.BroadcastMap(a.Dims, dims);
        var mapB = TensorMath.BroadcastMap(b.Dims, dims);
        if (mapA is null && mapB is null && fast is not null)
        {
            fast(x, y, result);
            return result;
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] = f(x[mapA is null ? i : mapA[i]], y[mapB is null ? i : mapB[i]]);
        }

        return result;
    }

    /// <summary>Broadcasts two inputs in the long domain.</summary>
    public static long[] Integers(string op, Tensor a, Tensor b, Func<long, long, long> f, out long[] dims)
    {
        dims = TensorMath.Broadcast(op, a.Dims, b.Dims);
        var x = Numeric.Integers(a);
        var y = Numeric.Integers(b);
        var result = new long[TensorMath.Count(dims)];
        var mapA = TensorMath.BroadcastMap(a.Dims, dims);
        var mapB = TensorMath.BroadcastMap(b.Dims, dims);
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = f(x[mapA is null ? i : mapA[i]], y[mapB is null ? i : mapB[i]]);
        }

        return result;
    }

    /// <summary>A binary op whose inputs share one type and whose output has that type.</summary>
    public static Tensor SameType(string op, Tensor a, Tensor b, Func<double, double, double> real, Func<long, long, long>? integer, Action<double[], double[], double[]>? fast = null)
    {
        RequirePair(op, a, b);
        if (Numeric.IsReal(a.DataType))
        {
            var values = Reals(op, a, b, real, out var dims, fast);
            return Numeric.FromReals(values, dims, a.DataType);
        }

        if (integer is null || a.DataType == DataType.Bool)
        {
            throw new KernelException($"{op}: element type {a.DataType.OnnxName()} is not supported");
        }

        var ints = Integers(op, a, b, integer, out var intDims);
        return Numeric.FromIntegers(ints, intDims, a.DataType);
    }

    /// <summary>A comparison: same-type inputs, bool output.</summary>
    public static Tensor Compare(string op, Tensor a, Tensor b, Func<double, double, bool> real, Func<long, long, bool> integer)
    {
        RequirePair(op, a, b);
        if (Numeric.IsReal(a.DataType))
        {
            var values = Reals(op, a, b, (x, y) => real(x, y) ? 1 : 0, out var dims);
            return Numeric.FromReals(values, dims, DataType.Bool);
        }

        bool unsigned = a.DataType == DataType.UInt64;
        var ints = Integers(op, a, b, (x, y) => (unsigned ? integer(x ^ long.MinValue, y ^ long.MinValue) : integer(x, y)) ? 1 : 0, out var intDims);
        return Numeric.FromIntegers(ints, intDims, DataType.Bool);
    }

    /// <summary>A unary op: TensorPrimitives on doubles for real types, a scalar function for integers (null: reals only).</summary>
    public static Tensor Unary(string op, Tensor x, Action<double[], double[]> real, Func<long, long>? integer)
    {
        Numeric.Require(x, op);
        var dims = x.DimsArray();
        if (Numeric.IsReal(x.DataType))
        {
            var values = Numeric.Reals(x);
            var result = new double[values.Length];
            real(values, result);
            return Numeric.FromReals(result, dims, x.DataType);
        }

        if (integer is null || x.DataType == DataType.Bool)
        {
            throw new KernelException($"{op}: element type {x.DataType.OnnxName()} is not supported");
        }

        var ints = Numeric.Integers(x);
        for (int i = 0; i < ints.Length; i++)
        {
            ints[i] = integer(ints[i]);
        }

        return Numeric.FromIntegers(ints, dims, x.DataType);
    }

    public static void RequirePair(string op, Tensor a, Tensor b)
    {
        Numeric.Require(a, op);
        Numeric.Require(b, op);
        if (a.DataType != b.DataType)
        {
            throw new KernelException($"{op}: input types {a.DataType.OnnxName()} and {b.DataType.OnnxName()} differ");
        }
    }
}
