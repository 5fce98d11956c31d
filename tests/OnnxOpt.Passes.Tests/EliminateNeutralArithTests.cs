using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class EliminateNeutralArithTests
{
    private static readonly long[] Dims = [1, 3, 4, 5];

    [Theory]
    [InlineData("Add", 0f, false)]
    [InlineData("Add", 0f, true)]
    [InlineData("Sub", 0f, false)]
    [InlineData("Mul", 1f, false)]
    [InlineData("Mul", 1f, true)]
    [InlineData("Div", 1f, false)]
    [InlineData("Pow", 1f, false)]
    public void Neutral_constant_is_removed_and_users_read_the_other_operand(string op, float neutral, bool constantFirst)
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", Dims)], Dims);
        var c = net.Const("c", [neutral, neutral, neutral], 1, 3, 1, 1);
        var y = net.Op(op, constantFirst ? [c, r] : [r, c], Dims);
        net.Output(net.Op("Sigmoid", [y], Dims), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "eliminate-neutral-arith");

        Assert.Equal(0, Net.Count(net.Model, op));
        Assert.Same(r, net.Graph.Nodes.Single(n => n.OpType == "Sigmoid").Input(0));
        Assert.Equal(1, report.Runs[0].Statistics.Get($"{op.ToLowerInvariant()}-neutral-removed"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Graph_output_name_moves_to_the_other_operand()
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", Dims)], Dims);
        net.Output(net.Op("Mul", [r, net.Const("one", [1f])], Dims), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "eliminate-neutral-arith");

        Assert.Equal(0, Net.Count(net.Model, "Mul"));
        Assert.Equal("y", r.Name);
        Assert.Same(r, net.Graph.Outputs.Single());
        Assert.Equal(1, report.Runs[0].Statistics.Get("outputs-renamed"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Graph_output_fed_by_a_graph_input_is_kept()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        net.Output(net.Op("Add", [x, net.Const("zero", [0f])], Dims), "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-neutral-arith").Changed);
        Assert.Equal(["y"], net.Graph.Outputs.Select(v => v.Name));
    }

    [Fact]
    public void Integer_neutral_ops_are_removed()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Int64, 2, 3);
        var s = net.Builder.Op("Neg", "neg", [x]);
        var one = net.Builder.Constant("one", Tensor.Create(new long[] { 1 }, 1));
        var zero = net.Builder.Constant("zero", Tensor.Create(new long[] { 0, 0, 0 }, 3));
        var m = net.Builder.Op("Mul", "mul", [s, one]);
        var d = net.Builder.Op("Div", "div", [m, one]);
        var a = net.Builder.Op("Add", "add", [zero, d]);
        var b = net.Builder.Op("Sub", "sub", [a, zero]);
        net.Builder.Output(net.Builder.Op("Abs", "abs", [b]), "y", DataType.Int64);
        var original = Equivalence.Clone(net.Model);

        PipelineRunner.Run(net.Model, "eliminate-neutral-arith");

        Assert.Equal(["Neg", "Abs"], net.Graph.Nodes.Select(n => n.OpType));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Constant_that_expands_the_shape_is_kept()
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", 1, 3, 1, 5)], [1, 3, 1, 5]);
        var wider = net.Op("Mul", [r, net.Const("ones", [1f, 1f, 1f, 1f], 1, 1, 4, 1)], [1, 3, 4, 5]);
        var longer = net.Op("Add", [wider, net.Const("zeros", [0f], 1, 1, 1, 1, 1)], [1, 1, 3, 4, 5]);
        net.Output(longer, "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-neutral-arith").Changed);
        var patterns = new EliminateNeutralArith().CreatePatterns(net.Model, new PassContext());
        Assert.Contains("may broadcast", Net.WhyNot(patterns, wider.Producer!));
        Assert.Contains("adds leading dims", Net.WhyNot(patterns, longer.Producer!));
    }

    [Fact]
    public void Unknown_rank_blocks_a_non_scalar_constant_but_not_a_scalar()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Float, (Shape?)null);
        var r = net.Builder.Op("Relu", "relu", [x]);
        var shaped = net.Builder.Op("Mul", "mul", [r, net.Const("ones", [1f], 1)]);
        var scalar = net.Builder.Op("Add", "add", [shaped, net.Builder.Constant("zero", Tensor.Scalar(0f))]);
        net.Output(net.Op("Sigmoid", [scalar]), "y");

        PipelineRunner.Run(net.Model, "eliminate-neutral-arith");

        Assert.Equal(1, Net.Count(net.Model, "Mul"));
        Assert.Equal(0, Net.Count(net.Model, "Add"));
    }

    [Fact]
    public void Non_constant_and_almost_neutral_operands_are_kept()
    {
        var net = new Net();
        var x = net.Input("x", Dims);
        var r = net.Op("Relu", [x], Dims);
        var byInput = net.Op("Mul", [r, x], Dims);
        var almost = net.Op("Mul", [byInput, net.Const("almost", [1.0000001f])], Dims);
        net.Output(almost, "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-neutral-arith").Changed);
        var patterns = new EliminateNeutralArith().CreatePatterns(net.Model, new PassContext());
        Assert.Contains("no operand is a constant", Net.WhyNot(patterns, byInput.Producer!));
        Assert.Contains("not 1", Net.WhyNot(patterns, almost.Producer!));
    }

    [Fact]
    public void Zero_minus_x_and_one_over_x_are_kept()
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", Dims)], Dims);
        var negated = net.Op("Sub", [net.Const("zero", [0f]), r], Dims);
        var inverted = net.Op("Div", [net.Const("one", [1f]), negated], Dims);
        var powered = net.Op("Pow", [net.Const("base", [1f]), inverted], Dims);
        net.Output(powered, "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-neutral-arith").Changed);
    }

    [Fact]
    public void Initializer_that_is_also_a_graph_input_is_not_a_constant()
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", Dims)], Dims);
        var ones = net.Const("ones", [1f]);
        net.Graph.AddInput(ones);
        net.Output(net.Op("Sigmoid", [net.Op("Mul", [r, ones], Dims)], Dims), "y");

        Assert.False(PipelineRunner.Run(net.Model, "eliminate-neutral-arith").Changed);
    }

    [Fact]
    public void Mismatched_declared_type_is_kept()
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", Dims)], Dims);
        var m = net.Op("Mul", [r, net.Builder.Constant("one", Tensor.Create(new[] { 1.0 }, 1))], Dims);
        net.Output(m, "y");

        var patterns = new EliminateNeutralArith().CreatePatterns(net.Model, new PassContext());
        Assert.Contains("the constant is double", Net.WhyNot(patterns, m.Producer!));
    }

    [Fact]
    public void Cleanup_preset_runs_it()
    {
        var net = new Net();
        var r = net.Op("Relu", [net.Input("x", Dims)], Dims);
        net.Output(net.Op("Sigmoid", [net.Op("Add", [r, net.Const("zero", [0f])], Dims)], Dims), "y");

        PipelineRunner.Run(net.Model, "cleanup");

        Assert.Equal(0, Net.Count(net.Model, "Add"));
    }
}
