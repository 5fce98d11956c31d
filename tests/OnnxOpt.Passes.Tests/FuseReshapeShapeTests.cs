using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class FuseReshapeShapeTests
{
    private static readonly Dictionary<string, long> Dims = new() { ["n"] = 2, ["h"] = 5 };

    [Fact]
    public void Gathered_batch_dim_becomes_zero()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [Dim(b, x, 0), Ints(b, "twelve", 12), Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        AssertFused(b.Model, original, [0, 12, -1]);
    }

    [Fact]
    public void Whole_shape_with_a_trailing_one_copies_every_dim()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [b.Op("Shape", "shape", [x]), Ints(b, "one", 1)], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        AssertFused(b.Model, original, [0, 0, 0, 0, 1]);
    }

    [Fact]
    public void Sliced_shape_and_negative_gather_index_are_traced()
    {
        var (b, x) = Start();
        var head = b.Op("Slice", "slice", [b.Op("Shape", "shape", [x]), Ints(b, "s0", 0), Ints(b, "s2", 2)]);
        var last = b.Op("Unsqueeze", "unsq", [b.Op("Gather", "gather", [b.Op("Shape", "shape2", [x]), b.Constant("neg", Tensor.Scalar(-1L))]), Ints(b, "ax", 0)]);
        var shape = b.Op("Concat", "concat", [head, Ints(b, "minus", -1), last], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        AssertFused(b.Model, original, [0, 0, -1, 0]);
    }

    [Fact]
    public void Shape_with_an_end_attribute_is_traced()
    {
        var (b, x) = Start();
        var head = b.Op("Shape", "shape", [x], NodeAttribute.Int("end", -2));
        var shape = b.Op("Concat", "concat", [head, Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        AssertFused(b.Model, original, [0, 0, -1]);
    }

    [Fact]
    public void Shape_tail_at_shifted_positions_is_kept()
    {
        var (b, x) = Start();
        var tail = b.Op("Shape", "shape", [x], NodeAttribute.Int("start", 2));
        var shape = b.Op("Concat", "concat", [Ints(b, "minus", -1), tail], NodeAttribute.Int("axis", 0));
        Finish(b, x, shape);

        // Shape(x)[2:] would land at positions 1 and 2, where 0 would copy dims 1 and 2 instead.
        Assert.False(PipelineRunner.Run(b.Model, "fuse-reshape-shape").Changed);
    }

    [Fact]
    public void Dim_gathered_to_another_position_is_kept()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [Dim(b, x, 2), Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        Finish(b, x, shape);

        Assert.False(PipelineRunner.Run(b.Model, "fuse-reshape-shape").Changed);
        Assert.Equal(1, Count(b.Model, "Concat"));
    }

    [Fact]
    public void Shape_of_another_value_with_other_dims_is_kept()
    {
        var (b, x) = Start();
        var other = b.Input("z", DataType.Float, new Shape([OnnxOpt.Graph.IR.Dim.Symbol("m"), 3]));
        var shape = b.Op("Concat", "concat", [Dim(b, other, 0), Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        Finish(b, x, shape);

        Assert.False(PipelineRunner.Run(b.Model, "fuse-reshape-shape").Changed);
    }

    [Fact]
    public void Shape_of_another_value_with_the_same_symbol_is_copied()
    {
        var (b, x) = Start();
        var other = b.Op("Relu", "other", [x]);
        var shape = b.Op("Concat", "concat", [Dim(b, other, 0), Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        AssertFused(b.Model, original, [0, -1]);
    }

    [Fact]
    public void Single_dim_at_another_position_becomes_minus_one()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [Dim(b, x, 0), Ints(b, "three", 3), Ints(b, "four", 4), Dim(b, x, 2)], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        AssertFused(b.Model, original, [0, 3, 4, -1]);
    }

    [Fact]
    public void Allowzero_reshape_is_kept()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [Dim(b, x, 0), Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        Finish(b, x, shape, NodeAttribute.Int("allowzero", 1));

        Assert.False(PipelineRunner.Run(b.Model, "fuse-reshape-shape").Changed);
    }

    [Fact]
    public void Two_minus_ones_are_kept()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [Dim(b, x, 0), Ints(b, "minus", -1), Ints(b, "minus2", -1)], NodeAttribute.Int("axis", 0));
        Finish(b, x, shape);

        Assert.False(PipelineRunner.Run(b.Model, "fuse-reshape-shape").Changed);
    }

    [Fact]
    public void Constant_shape_is_left_alone()
    {
        var (b, x) = Start();
        Finish(b, x, Ints(b, "target", 0, -1));

        Assert.False(PipelineRunner.Run(b.Model, "fuse-reshape-shape").Changed);
    }

    [Fact]
    public void Cleanup_preset_fuses_and_removes_the_dead_chain()
    {
        var (b, x) = Start();
        var shape = b.Op("Concat", "concat", [Dim(b, x, 0), Ints(b, "three", 3), Ints(b, "minus", -1)], NodeAttribute.Int("axis", 0));
        var original = Finish(b, x, shape);

        PipelineRunner.Run(b.Model, "cleanup");

        Assert.Equal(["Relu", "Reshape"], b.Model.Graph.Nodes.Select(n => n.OpType).Order(StringComparer.Ordinal));
        Equivalence.AssertSameOutputs(original, b.Model, dims: Dims);
    }

    private static void AssertFused(Model model, Model original, long[] expected)
    {
        var report = PipelineRunner.Run(model, "fuse-reshape-shape,eliminate-dead-nodes");

        var reshape = model.Graph.Nodes.Single(n => n.OpType == "Reshape");
        Assert.Equal(expected, reshape.Input(1)!.ConstValue!.ToInt64Array());
        Assert.Equal(1, report.Runs[0].Statistics.Get("reshape-shapes-fused"));
        Assert.Equal(0, Count(model, "Concat"));
        Assert.Equal(0, Count(model, "Shape"));
        Equivalence.AssertSameOutputs(original, model, dims: Dims);
    }

    /// <summary>A model with input x: float[n,3,h,4].</summary>
    private static (ModelBuilder Builder, Value X) Start()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, new Shape([OnnxOpt.Graph.IR.Dim.Symbol("n"), 3, OnnxOpt.Graph.IR.Dim.Symbol("h"), 4]));
        return (b, x);
    }

    /// <summary>Adds Reshape(Relu(x), shape) as output y; returns a copy of the model before any pass.</summary>
    private static Model Finish(ModelBuilder b, Value x, Value shape, params NodeAttribute[] reshapeAttributes)
    {
        var reshape = b.Op("Reshape", "reshape", [x, shape], reshapeAttributes);
        b.Output(b.Op("Relu", "relu", [reshape]), "y", DataType.Float);
        return Equivalence.Clone(b.Model);
    }

    private static Value Dim(ModelBuilder b, Value data, long index) =>
        b.Op("Unsqueeze", $"unsq_{index}", [b.Op("Gather", $"gather_{index}", [b.Op("Shape", $"shape_{index}", [data]), b.Constant($"i{index}", Tensor.Scalar(index))]), Ints(b, "axis0", 0)]);

    private static Value Ints(ModelBuilder b, string name, params long[] values) => b.Constant(name, Tensor.Create(values, values.Length));

    private static int Count(Model model, string op) => model.Graph.Nodes.Count(n => n.OpType == op);
}
