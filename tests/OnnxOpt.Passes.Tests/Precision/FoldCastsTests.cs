using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Precision;

public sealed class FoldCastsTests
{
    private static Value Cast(ModelBuilder b, string name, Value input, DataType to) =>
        b.Op("Cast", name, [input], NodeAttribute.Int("to", (long)to));

    /// <summary>x (type <paramref name="input"/>) → Casts through <paramref name="chain"/> → Relu → y.</summary>
    private static Model Chain(DataType input, params DataType[] chain)
    {
        var b = new ModelBuilder(opset: 17);
        var value = b.Input("x", input, 2, 3);
        for (int i = 0; i < chain.Length; i++)
        {
            value = Cast(b, $"cast{i}", value, chain[i]);
        }

        b.Output(b.Op("Relu", "relu", [value]), "y", chain[^1], 2, 3);
        return b.Build();
    }

    private static (Model Folded, PipelineRunReport Report) Fold(Model model, string pipeline = "fold-casts")
    {
        var folded = Equivalence.Clone(model);
        var report = PipelineRunner.Run(folded, pipeline);
        PrecisionAssert.Verifies(folded);
        return (folded, report);
    }

    [Fact]
    public void A_cast_to_the_type_the_value_already_has_is_removed()
    {
        var model = Chain(DataType.Float, DataType.Float);

        var (folded, report) = Fold(model);

        Assert.Empty(PrecisionAssert.Casts(folded));
        Assert.Equal(1, PrecisionAssert.Statistic(report, "fold-casts", "identity-casts-removed"));
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void A_lossless_round_trip_fp16_fp32_fp16_disappears()
    {
        var model = Chain(DataType.Float16, DataType.Float, DataType.Float16);

        var (folded, report) = Fold(model);

        Assert.Empty(PrecisionAssert.Casts(folded));
        Assert.Equal(1, PrecisionAssert.Statistic(report, "fold-casts", "cast-chains-folded"));
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void A_lossless_first_step_lets_the_chain_become_one_cast()
    {
        var model = Chain(DataType.Int32, DataType.Int64, DataType.Float);

        var (folded, _) = Fold(model);

        var cast = Assert.Single(PrecisionAssert.Casts(folded));
        Assert.Equal("x", cast.Input(0)!.Name);
        Assert.Equal((long)DataType.Float, cast.GetInt("to", 0));
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void The_rounding_chain_fp32_fp16_fp32_is_kept_unless_precision_loss_is_allowed()
    {
        var model = Chain(DataType.Float, DataType.Float16, DataType.Float);

        var (kept, keptReport) = Fold(model);
        var (dropped, _) = Fold(model, "fold-casts{allow-precision-loss=true}");

        Assert.Equal(2, PrecisionAssert.Casts(kept).Count());
        Assert.Equal(1, PrecisionAssert.Statistic(keptReport, "fold-casts", "lossy-chains-kept"));
        Assert.Empty(PrecisionAssert.Casts(dropped));
    }

    [Fact]
    public void Float_to_int_to_float_is_a_truncation_and_is_never_folded()
    {
        var model = Chain(DataType.Float, DataType.Int32, DataType.Float);

        var (folded, _) = Fold(model, "fold-casts{allow-precision-loss=true}");

        Assert.Equal(2, PrecisionAssert.Casts(folded).Count());
    }

    [Fact]
    public void A_cast_of_a_weight_becomes_a_float16_initializer_and_the_float32_copy_goes()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float16, 1, 2, 4, 4);
        var w = b.Constant("w", Tensor.Create(Enumerable.Range(0, 36).Select(i => i / 36f).ToArray(), 2, 2, 3, 3));
        var conv = b.Op("Conv", "conv", [x, Cast(b, "cast_w", w, DataType.Float16)], NodeAttribute.Ints("pads", 1, 1, 1, 1));
        b.Output(conv, "y", DataType.Float16, 1, 2, 4, 4);
        var model = b.Build();

        var (folded, report) = Fold(model);

        var weight = PrecisionAssert.Node(folded, "conv").Input(1)!;
        Assert.True(weight.IsInitializer);
        Assert.Equal(DataType.Float16, weight.ConstValue!.DataType);
        Assert.Equal(["cast_w_out"], folded.Graph.Initializers.Select(i => i.Name));
        Assert.Equal(1, PrecisionAssert.Statistic(report, "fold-casts", "constant-casts-folded"));
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void A_cast_of_a_constant_node_is_folded_and_the_constant_removed()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Int64, 3);
        var c = b.Op("Constant", "c", [], NodeAttribute.FromTensor("value", Tensor.Create(new[] { 1.9f, -2.7f, 3f }, 3)));
        b.Output(b.Op("Add", "add", [x, Cast(b, "cast_c", c, DataType.Int64)]), "y", DataType.Int64, 3);
        var model = b.Build();

        var (folded, _) = Fold(model);

        Assert.Empty(PrecisionAssert.Casts(folded));
        Assert.DoesNotContain(folded.Graph.Nodes, n => n.Is("Constant"));
        Assert.Equal([1L, -2L, 3L], PrecisionAssert.Node(folded, "add").Input(1)!.ConstValue!.ToArray<long>());
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void A_float_constant_outside_the_integer_range_is_not_folded()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Int32, 2);
        var c = b.Constant("c", new[] { 1e20f, 1f }, 2);
        b.Output(b.Op("Add", "add", [x, Cast(b, "cast_c", c, DataType.Int32)]), "y", DataType.Int32, 2);

        var (folded, report) = Fold(b.Build());

        Assert.Single(PrecisionAssert.Casts(folded));
        Assert.False(report.Changed);
    }

    [Fact]
    public void Duplicate_casts_of_one_value_are_merged_into_the_first()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2, 2);
        var a = b.Op("Relu", "relu", [Cast(b, "first", x, DataType.Float16)]);
        var s = b.Op("Sigmoid", "sigmoid", [Cast(b, "second", x, DataType.Float16)]);
        b.Output(b.Op("Add", "add", [a, s]), "y", DataType.Float16, 2, 2);
        var model = b.Build();

        var (folded, report) = Fold(model);

        var cast = Assert.Single(PrecisionAssert.Casts(folded));
        Assert.Equal("first", cast.Name);
        Assert.Equal(1, PrecisionAssert.Statistic(report, "fold-casts", "duplicate-casts-merged"));
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void Casts_to_different_types_are_not_merged()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2);
        b.Output(Cast(b, "to_half", x, DataType.Float16), "h", DataType.Float16, 2);
        b.Output(Cast(b, "to_double", x, DataType.Double), "d", DataType.Double, 2);

        var (_, report) = Fold(b.Build());

        Assert.False(report.Changed);
    }

    [Fact]
    public void An_identity_cast_producing_a_graph_output_hands_its_name_to_the_value()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2);
        var relu = b.Op("Relu", "relu", [x]);
        b.Output(Cast(b, "cast", relu, DataType.Float), "y", DataType.Float, 2);
        var model = b.Build();

        var (folded, _) = Fold(model);

        Assert.Empty(PrecisionAssert.Casts(folded));
        Assert.Equal("y", Assert.Single(folded.Graph.Outputs).Name);
        Assert.Equal("relu", folded.Graph.Outputs[0].Producer!.Name);
        Equivalence.AssertSameOutputs(model, folded, 0, 0);
    }

    [Fact]
    public void An_identity_cast_from_a_graph_input_to_a_graph_output_stays()
    {
        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2);
        b.Output(Cast(b, "cast", x, DataType.Float), "y", DataType.Float, 2);

        var (folded, report) = Fold(b.Build());

        Assert.Single(PrecisionAssert.Casts(folded));
        Assert.False(report.Changed);
    }

    [Fact]
    public void Casts_inside_subgraphs_are_folded_too()
    {
        var b = new ModelBuilder(opset: 17);
        var cond = b.Input("cond", DataType.Bool, Shape.Scalar);
        var x = b.Input("x", DataType.Float, 2);
        var branch = new OnnxOpt.Graph.IR.OnnxGraph("then");
        var half = branch.AddNode("Cast", [x], outputNames: ["then_half"], attributes: [NodeAttribute.Int("to", (long)DataType.Float16)]).Output();
        var back = branch.AddNode("Cast", [half], outputNames: ["then_back"], attributes: [NodeAttribute.Int("to", (long)DataType.Float)]).Output();
        var same = branch.AddNode("Cast", [back], outputNames: ["then_same"], attributes: [NodeAttribute.Int("to", (long)DataType.Float)]).Output();
        var relu = branch.AddNode("Relu", [same], outputNames: ["then_out"]).Output();
        relu.ElementType = DataType.Float;
        branch.AddOutput(relu);
        var other = new OnnxOpt.Graph.IR.OnnxGraph("else");
        var neg = other.AddNode("Neg", [x], outputNames: ["else_out"]).Output();
        neg.ElementType = DataType.Float;
        other.AddOutput(neg);
        var node = b.Node("If", [cond], 1, "if", [NodeAttribute.FromGraph("then_branch", branch), NodeAttribute.FromGraph("else_branch", other)]);
        b.Output(node.Output(), "y", DataType.Float, 2);
        var model = b.Build();

        var (folded, report) = Fold(model);

        Assert.Equal(2, PrecisionAssert.Casts(folded).Count());
        Assert.Equal(1, PrecisionAssert.Statistic(report, "fold-casts", "identity-casts-removed"));
        Equivalence.AssertSameOutputs(model, folded, 0, 0, samples: 4);
    }

    [Fact]
    public void The_rewrite_budget_stops_folding()
    {
        var model = Chain(DataType.Float, DataType.Float, DataType.Float, DataType.Float);

        var folded = Equivalence.Clone(model);
        var report = PipelineRunner.Run(folded, "fold-casts", maxRewrites: 1);

        Assert.Equal(2, PrecisionAssert.Casts(folded).Count());
        Assert.Equal(1, report.RewritesUsed);
    }
}
