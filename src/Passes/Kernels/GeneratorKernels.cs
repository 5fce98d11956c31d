using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Ops that make tensors from scalars: Range, ConstantOfShape; and the type conversions Cast and CastLike.</summary>
internal static class GeneratorKernels
{
    public static IReadOnlyList<Tensor> Range(KernelCall c)
    {
        var start = c.Input(0);
        var limit = c.Input(1);
        var delta = c.Input(2);
        var type = start.DataType;
        if (limit.DataType != type || delta.DataType != type || start.ElementCount != 1 || limit.ElementCount != 1 || delta.ElementCount != 1)
        {
            throw c.Unsupported("start, limit and delta must be scalars of one type");
        }

        if (Numeric.IsReal(type))
        {
            double s = start.ToDoubleArray()[0], l = limit.ToDoubleArray()[0], d = delta.ToDoubleArray()[0];
            long n = Count(Math.Ceiling((l - s) / d), c);
            var values = new double[n];
            for (long i = 0; i < n; i++)
            {
                values[i] = s + (i * d);
            }

            return [Numeric.FromReals(values, [n], type)];
        }

        if (!Numeric.IsInteger(type))
        {
            throw c.Unsupported($"element type {type.OnnxName()} is not supported");
        }

        long si = start.ToInt64Array()[0], li = limit.ToInt64Array()[0], di = delta.ToInt64Array()[0];
        long count = RangeCount(start, limit, delta) ?? throw c.Unsupported(di == 0 ? "delta is 0" : "the range has no finite length");
        if (count > TensorMath.MaxElements)
        {
            throw c.Unsupported($"the range has {count} elements, more than a kernel computes");
        }

        var ints = new long[count];
        for (long i = 0; i < count; i++)
        {
            ints[i] = (long)(si + ((Int128)i * di));
        }

        return [Numeric.FromIntegers(ints, [count], type)];
    }

    /// <summary>
    /// How many elements Range(start, limit, delta) has, without computing them (shape inference and size checks use
    /// it before anything is allocated); null when delta is 0 or the count is not finite. The count may exceed what
    /// kernels compute (<see cref="TensorMath.MaxElements"/>): size checks need the true size to refuse it.
    /// </summary>
    public static long? RangeCount(Tensor start, Tensor limit, Tensor delta)
    {
        if (start.ElementCount != 1 || limit.ElementCount != 1 || delta.ElementCount != 1)
        {
            return null;
        }

        if (Numeric.IsReal(start.DataType))
        {
            double s = start.ToDoubleArray()[0], l = limit.ToDoubleArray()[0], d = delta.ToDoubleArray()[0];
            double n = Math.Ceiling((l - s) / d);
            return double.IsNaN(n) || n >= long.MaxValue ? null : (long)Math.Max(n, 0);
        }

        long si = start.ToInt64Array()[0], li = limit.ToInt64Array()[0], di = delta.ToInt64Array()[0];
        if (di == 0)
        {
            return null;
        }

        // In 128 bits: limit - start overflows 64 bits for ranges such as (-2^62, 2^62, 2^62).
        Int128 span = (Int128)li - si;
        Int128 steps = (span / di) + ((span % di != 0 && (span < 0) == (di < 0)) ? 1 : 0);
        return steps > long.MaxValue ? null : (long)Int128.Max(steps, 0);
    }

    private static long Count(double n, KernelCall c) =>
        double.IsNaN(n) || n > TensorMath.MaxElements ? throw c.Unsupported("the range has no finite length") : (long)Math.Max(n, 0);

    public static IReadOnlyList<Tensor> ConstantOfShape(KernelCall c)
    {
        var dims = c.Input(0).ToInt64Array();
        var value = c.Node.FindAttribute("value")?.AsTensor() ?? Tensor.Scalar(0f);
        if (value.ElementCount != 1)
        {
            throw c.Unsupported("value must hold exactly one element");
        }

        return [ElementCopy.Fill(value, 0, dims)];
    }

    public static IReadOnlyList<Tensor> Cast(KernelCall c)
    {
        long to = c.Int("to", 0);
        if (!DataTypes.IsKnown((int)to))
        {
            throw c.Unsupported($"unknown target type {to}");
        }

        return [Convert(c.Input(0), (DataType)to)];
    }

    public static IReadOnlyList<Tensor> CastLike(KernelCall c) => [Convert(c.Input(0), c.Input(1).DataType)];

    /// <summary>Converts element by element: real sources through double (truncating toward zero into integers), integers and bool through long.</summary>
    public static Tensor Convert(Tensor x, DataType to)
    {
        if (x.DataType == to)
        {
            return x;
        }

        if (!Numeric.IsSupported(x.DataType) || !Numeric.IsSupported(to))
        {
            throw new KernelException($"Cast: {x.DataType.OnnxName()} to {to.OnnxName()} is not supported by the built-in kernels");
        }

        var dims = x.DimsArray();
        return Numeric.IsReal(x.DataType)
            ? Numeric.FromReals(Numeric.Reals(x), dims, to)
            : Numeric.FromIntegers(Numeric.Integers(x), dims, to, x.DataType == DataType.UInt64);
    }
}
