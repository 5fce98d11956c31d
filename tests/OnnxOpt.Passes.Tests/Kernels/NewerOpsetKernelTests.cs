using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Kernels;
using Xunit;

namespace OnnxOpt.Passes.Tests.Kernels;

/// <summary>Opset 18–19 forms that the ONNX 1.12 node tests predate, and kernel errors.</summary>
public sealed class NewerOpsetKernelTests
{
    private static Tensor Run(int opset, Func<ModelBuilder, Value> build)
    {
        var b = new ModelBuilder(opset: opset);
        b.Output(build(b), "out");
        return GraphEvaluator.Run(b.Build(), new Dictionary<string, Tensor>())["out"];
    }

    [Fact]
    public void Reduce_axes_come_from_an_input_from_opset_18()
    {
        var result = Run(18, b => b.Op("ReduceMean", [b.Constant("x", Tensor.Create([1f, 2f, 3f, 5f], 2, 2)), b.Constant("axes", Tensor.Create([1L], 1))], NodeAttribute.Int("keepdims", 0)));
        Assert.Equal([1.5f, 4f], result.ToArray<float>());
        Assert.Equal([2L], result.Dims);
    }

    [Fact]
    public void Empty_axes_with_noop_return_the_input()
    {
        var result = Run(18, b => b.Op("ReduceMax", [b.Constant("x", Tensor.Create([1f, 2f], 2)), b.Constant("axes", Tensor.Create(Array.Empty<long>(), 0))], NodeAttribute.Int("noop_with_empty_axes", 1)));
        Assert.Equal([1f, 2f], result.ToArray<float>());
    }

    [Fact]
    public void Split_num_outputs_leaves_a_smaller_last_chunk_from_opset_18()
    {
        var b = new ModelBuilder(opset: 18);
        var split = b.Node("Split", [b.Constant("x", Tensor.Create(Enumerable.Range(0, 7).Select(i => (long)i).ToArray(), 7))], 3, attributes: [NodeAttribute.Int("num_outputs", 3)]);
        foreach (var output in split.Outputs)
        {
            b.Output(output);
        }

        var results = GraphEvaluator.Run(b.Build(), new Dictionary<string, Tensor>());
        Assert.Equal([[0L, 1L, 2L], [3L, 4L, 5L], [6L]], split.Outputs.Select(o => results[o.Name].ToArray<long>()));
    }

    [Fact]
    public void Pad_wrap_mode_and_axes_input()
    {
        var result = Run(19, b => b.Op("Pad", [b.Constant("x", Tensor.Create([1, 2, 3], 1, 3)), b.Constant("pads", Tensor.Create([2L, 1L], 2)), null, b.Constant("axes", Tensor.Create([1L], 1))], NodeAttribute.String("mode", "wrap")));
        Assert.Equal([2, 3, 1, 2, 3, 1], result.ToArray<int>());
    }

    [Fact]
    public void Integer_clip_range_and_division_follow_onnx_integer_semantics()
    {
        Assert.Equal([-2, 0, 3], Run(13, b => b.Op("Clip", [b.Constant("x", Tensor.Create([-5, 0, 9], 3)), b.Constant("lo", Tensor.Scalar(-2)), b.Constant("hi", Tensor.Scalar(3))])).ToArray<int>());
        Assert.Equal([10L, 7L, 4L, 1L], Run(13, b => b.Op("Range", [b.Constant("s", Tensor.Scalar(10L)), b.Constant("l", Tensor.Scalar(0L)), b.Constant("d", Tensor.Scalar(-3L))])).ToArray<long>());
        Assert.Equal([-3L, 3L], Run(13, b => b.Op("Div", [b.Constant("a", Tensor.Create([-7L, 7L], 2)), b.Constant("b", Tensor.Scalar(2L))])).ToArray<long>());
        Assert.Equal([1L, -1L], Run(13, b => b.Op("Mod", [b.Constant("a", Tensor.Create([-7L, 7L], 2)), b.Constant("b", Tensor.Create([2L, -2L], 2))])).ToArray<long>());
    }

    [Fact]
    public void Float16_arithmetic_rounds_once_to_half()
    {
        var result = Run(13, b => b.Op("Add", [b.Constant("a", Tensor.Create([(Half)1.5f, (Half)2048f], 2)), b.Constant("b", Tensor.Create([(Half)0.25f, (Half)1f], 2))]));
        Assert.Equal([(Half)1.75f, (Half)2048f], result.ToArray<Half>());
    }

    [Theory]
    [InlineData("Div", "integer division by zero")]
    [InlineData("Gather", "out of range")]
    public void Invalid_inputs_are_kernel_errors(string op, string message)
    {
        var error = Assert.Throws<KernelException>(() => Run(13, b => op == "Div"
            ? b.Op("Div", [b.Constant("a", Tensor.Create([1L], 1)), b.Constant("b", Tensor.Create([0L], 1))])
            : b.Op("Gather", [b.Constant("a", Tensor.Create([1L], 1)), b.Constant("i", Tensor.Create([3L], 1))])));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialized_tensors_round_trip_and_bad_bytes_are_format_errors()
    {
        var tensor = Tensor.Create([1.5f, -2f], 2, 1);
        var back = TensorSerialization.FromBytes(TensorSerialization.ToBytes(tensor, "t"));
        Assert.True(back.ContentEquals(tensor));
        Assert.Throws<OnnxFormatException>(() => TensorSerialization.FromBytes([0xFF, 0xFF, 0xFF]));
    }
}
