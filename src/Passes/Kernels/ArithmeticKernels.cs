using System.Numerics.Tensors;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Add, Sub, Mul, Div, Pow, Mod and the variadic Min, Max, Sum, Mean, with ONNX multidirectional broadcasting.</summary>
internal static class ArithmeticKernels
{
    public static IReadOnlyList<Tensor> Add(KernelCall c) =>
        [Elementwise.SameType("Add", c.Input(0), c.Input(1), (x, y) => x + y, (x, y) => x + y, (x, y, r) => TensorPrimitives.Add(x, y, r))];

    public static IReadOnlyList<Tensor> Sub(KernelCall c) =>
        [Elementwise.SameType("Sub", c.Input(0), c.Input(1), (x, y) => x - y, (x, y) => x - y, (x, y, r) => TensorPrimitives.Subtract(x, y, r))];

    public static IReadOnlyList<Tensor> Mul(KernelCall c) =>
        [Elementwise.SameType("Mul", c.Input(0), c.Input(1), (x, y) => x * y, (x, y) => x * y, (x, y, r) => TensorPrimitives.Multiply(x, y, r))];

    public static IReadOnlyList<Tensor> Div(KernelCall c) =>
        [Elementwise.SameType("Div", c.Input(0), c.Input(1), (x, y) => x / y, DivideIntegers(c.Input(0).DataType), (x, y, r) => TensorPrimitives.Divide(x, y, r))];

    /// <summary>Pow: the result has the base's type; an integer base with a real exponent is computed in double and truncated.</summary>
    public static IReadOnlyList<Tensor> Pow(KernelCall c)
    {
        var x = c.Input(0);
        var y = c.Input(1);
        Numeric.Require(x, "Pow");
        Numeric.Require(y, "Pow");
        if (x.DataType == DataType.Bool || y.DataType == DataType.Bool)
        {
            throw new KernelException("Pow: bool is not a valid element type");
        }

        if (Numeric.IsReal(x.DataType) || Numeric.IsReal(y.DataType))
        {
            var values = Elementwise.Reals("Pow", x, y, Math.Pow, out var dims, x.DataType == y.DataType ? (a, b, r) => TensorPrimitives.Pow(a, b, r) : null);
            return [Numeric.FromReals(values, dims, x.DataType)];
        }

        var ints = Elementwise.Integers("Pow", x, y, IntegerPower, out var intDims);
        return [Numeric.FromIntegers(ints, intDims, x.DataType)];
    }

    public static IReadOnlyList<Tensor> Mod(KernelCall c)
    {
        bool fmod = c.Int("fmod", 0) != 0;
        var a = c.Input(0);
        if (Numeric.IsReal(a.DataType) && !fmod)
        {
            throw new KernelException("Mod: fmod must be 1 for floating-point inputs");
        }

        return [Elementwise.SameType("Mod", a, c.Input(1), (x, y) => x % y, (x, y) => IntegerMod(x, y, fmod, a.DataType == DataType.UInt64))];
    }

    public static IReadOnlyList<Tensor> Min(KernelCall c) => [Variadic(c, "Min", Math.Min, Smaller(c), (x, y, r) => TensorPrimitives.Min(x, y, r))];

    public static IReadOnlyList<Tensor> Max(KernelCall c) => [Variadic(c, "Max", Math.Max, Larger(c), (x, y, r) => TensorPrimitives.Max(x, y, r))];

    public static IReadOnlyList<Tensor> Sum(KernelCall c) => [Variadic(c, "Sum", (x, y) => x + y, (x, y) => x + y, (x, y, r) => TensorPrimitives.Add(x, y, r))];

    public static IReadOnlyList<Tensor> Mean(KernelCall c)
    {
        var sum = Variadic(c, "Mean", (x, y) => x + y, null, (x, y, r) => TensorPrimitives.Add(x, y, r));
        var values = Numeric.Reals(sum);
        TensorPrimitives.Divide(values, c.InputCount, values);
        return [Numeric.FromReals(values, sum.DimsArray(), sum.DataType)];
    }

    private static Tensor Variadic(KernelCall c, string op, Func<double, double, double> real, Func<long, long, long>? integer, Action<double[], double[], double[]> fast)
    {
        var result = c.Input(0);
        Numeric.Require(result, op);
        for (int i = 1; i < c.InputCount; i++)
        {
            result = Elementwise.SameType(op, result, c.Input(i), real, integer, fast);
        }

        return result;
    }

    private static Func<long, long, long> Smaller(KernelCall c) =>
        c.Input(0).DataType == DataType.UInt64 ? (x, y) => (ulong)x < (ulong)y ? x : y : Math.Min;

    private static Func<long, long, long> Larger(KernelCall c) =>
        c.Input(0).DataType == DataType.UInt64 ? (x, y) => (ulong)x > (ulong)y ? x : y : Math.Max;

    private static Func<long, long, long> DivideIntegers(DataType type) => (x, y) =>
    {
        if (y == 0)
        {
            throw new KernelException("Div: integer division by zero");
        }

        return type == DataType.UInt64 ? (long)((ulong)x / (ulong)y) : x / y;
    };

    private static long IntegerMod(long x, long y, bool fmod, bool unsigned)
    {
        if (y == 0)
        {
            throw new KernelException("Mod: integer division by zero");
        }

        if (unsigned)
        {
            return (long)((ulong)x % (ulong)y);
        }

        long r = x % y;
        return !fmod && r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    private static long IntegerPower(long x, long y)
    {
        if (y < 0)
        {
            return x == 1 ? 1 : x == -1 ? ((y & 1) == 0 ? 1 : -1) : 0;
        }

        long result = 1;
        while (y > 0)
        {
            if ((y & 1) != 0)
            {
                result *= x;
            }

            x *= x;
            y >>= 1;
        }

        return result;
    }
}
