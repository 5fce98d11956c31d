using System.Numerics.Tensors;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Element-wise math and activations: TensorPrimitives over doubles for real types, scalar code for integers where the op allows them.</summary>
internal static class UnaryKernels
{
    public static IReadOnlyList<Tensor> Neg(KernelCall c) => [Elementwise.Unary("Neg", c.Input(0), (x, r) => TensorPrimitives.Negate(x, r), x => -x)];

    public static IReadOnlyList<Tensor> Abs(KernelCall c) => [Elementwise.Unary("Abs", c.Input(0), (x, r) => TensorPrimitives.Abs(x, r), x => x < 0 ? -x : x)];

    public static IReadOnlyList<Tensor> Sign(KernelCall c) => [Elementwise.Unary("Sign", c.Input(0), SignOf, x => Math.Sign(x))];

    public static IReadOnlyList<Tensor> Sqrt(KernelCall c) => [Elementwise.Unary("Sqrt", c.Input(0), (x, r) => TensorPrimitives.Sqrt(x, r), null)];

    public static IReadOnlyList<Tensor> Exp(KernelCall c) => [Elementwise.Unary("Exp", c.Input(0), (x, r) => TensorPrimitives.Exp(x, r), null)];

    public static IReadOnlyList<Tensor> Log(KernelCall c) => [Elementwise.Unary("Log", c.Input(0), (x, r) => TensorPrimitives.Log(x, r), null)];

    public static IReadOnlyList<Tensor> Reciprocal(KernelCall c) => [Elementwise.Unary("Reciprocal", c.Input(0), (x, r) => TensorPrimitives.Reciprocal(x, r), null)];

    public static IReadOnlyList<Tensor> Floor(KernelCall c) => [Elementwise.Unary("Floor", c.Input(0), (x, r) => TensorPrimitives.Floor(x, r), null)];

    public static IReadOnlyList<Tensor> Ceil(KernelCall c) => [Elementwise.Unary("Ceil", c.Input(0), (x, r) => TensorPrimitives.Ceiling(x, r), null)];

    /// <summary>Round half to even, as ONNX specifies.</summary>
    public static IReadOnlyList<Tensor> Round(KernelCall c) => [Elementwise.Unary("Round", c.Input(0), (x, r) => TensorPrimitives.Round(x, r), null)];

    public static IReadOnlyList<Tensor> Sigmoid(KernelCall c) => [Elementwise.Unary("Sigmoid", c.Input(0), (x, r) => TensorPrimitives.Sigmoid(x, r), null)];

    public static IReadOnlyList<Tensor> Tanh(KernelCall c) => [Elementwise.Unary("Tanh", c.Input(0), (x, r) => TensorPrimitives.Tanh(x, r), null)];

    public static IReadOnlyList<Tensor> Sin(KernelCall c) => [Elementwise.Unary("Sin", c.Input(0), (x, r) => TensorPrimitives.Sin(x, r), null)];

    public static IReadOnlyList<Tensor> Cos(KernelCall c) => [Elementwise.Unary("Cos", c.Input(0), (x, r) => TensorPrimitives.Cos(x, r), null)];

    public static IReadOnlyList<Tensor> Relu(KernelCall c) => [Elementwise.Unary("Relu", c.Input(0), (x, r) => TensorPrimitives.Max(x, 0.0, r), x => Math.Max(x, 0))];

    /// <summary>Clip: bounds are attributes before opset 11 and optional scalar inputs from opset 11.</summary>
    public static IReadOnlyList<Tensor> Clip(KernelCall c)
    {
        var x = c.Input(0);
        Numeric.Require(x, "Clip");
        if (c.Opset < 11)
        {
            double lo = c.Float("min", float.MinValue);
            double hi = c.Float("max", float.MaxValue);
            return [Elementwise.Unary("Clip", x, (v, r) => ClipReals(v, r, lo, hi), null)];
        }

        var min = c.Optional(1);
        var max = c.Optional(2);
        if (Numeric.IsReal(x.DataType))
        {
            double lo = min is null ? double.NegativeInfinity : Scalar(min).ToDoubleArray()[0];
            double hi = max is null ? double.PositiveInfinity : Scalar(max).ToDoubleArray()[0];
            return [Elementwise.Unary("Clip", x, (v, r) => ClipReals(v, r, lo, hi), null)];
        }

        long ilo = min is null ? long.MinValue : Scalar(min).ToInt64Array()[0];
        long ihi = max is null ? long.MaxValue : Scalar(max).ToInt64Array()[0];
        return [Elementwise.Unary("Clip", x, (v, r) => v.CopyTo(r), v => Math.Min(Math.Max(v, ilo), ihi))];
    }

    private static Tensor Scalar(Tensor bound) =>
        bound.ElementCount == 1 ? bound : throw new KernelException($"Clip: min and max must be scalars, got {bound}");

    // ONNX Clip sets min then max: with min > max every element becomes max.
    private static void ClipReals(double[] values, double[] result, double lo, double hi)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            result[i] = double.IsNaN(v) ? v : Math.Min(Math.Max(v, lo), hi);
        }
    }

    private static void SignOf(double[] values, double[] result)
    {
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.IsNaN(values[i]) ? double.NaN : Math.Sign(values[i]);
        }
    }
}
