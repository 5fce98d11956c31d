using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Kernels;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 2: integer arithmetic in kernels and shape products never wraps into a wrong constant.</summary>
public sealed class IntegerOverflowTests
{
    [Fact]
    public void Range_whose_span_overflows_int64_computes_what_onnx_runtime_computes()
    {
        const long Quarter = 1L << 62;
        var b = new ModelBuilder(opset: 17);
        var node = b.Node("Range", [b.Constant("s", Tensor.Scalar(-Quarter)), b.Constant("l", Tensor.Scalar(Quarter)), b.Constant("d", Tensor.Scalar(Quarter))]);

        var result = BuiltinKernels.Evaluate(node, 17, [Tensor.Scalar(-Quarter), Tensor.Scalar(Quarter), Tensor.Scalar(Quarter)]);

        Assert.Equal([-Quarter, 0L], result[0].ToInt64Array());
    }

    [Fact]
    public void Range_over_the_whole_int64_line_is_refused_not_wrapped()
    {
        var b = new ModelBuilder(opset: 17);
        var node = b.Node("Range", [b.Constant("s", Tensor.Scalar(long.MinValue)), b.Constant("l", Tensor.Scalar(long.MaxValue)), b.Constant("d", Tensor.Scalar(1L))]);

        Assert.Throws<KernelException>(() => BuiltinKernels.Evaluate(node, 17, [Tensor.Scalar(long.MinValue), Tensor.Scalar(long.MaxValue), Tensor.Scalar(1L)]));
    }

    [Fact]
    public void Declared_shapes_with_huge_products_saturate_instead_of_wrapping()
    {
        Assert.Equal(long.MaxValue, Shape.Of(1L << 40, 1L << 40).ElementCount);
        Assert.Equal(long.MaxValue, Shape.Of(3, long.MaxValue / 2).ElementCount);
        Assert.Equal(0, Shape.Of(0, long.MaxValue, long.MaxValue).ElementCount);
    }
}
