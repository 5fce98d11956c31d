using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Transforms.Pruning;
using Xunit;
using static OnnxOpt.Passes.Tests.Pruning.PruneModels;

namespace OnnxOpt.Passes.Tests.Pruning;

public sealed class PruneConvL1Tests
{
    private static Model OneConv(float[] weights, long outChannels, long inChannels, long kernel = 1, DataType type = DataType.Float) =>
        Chain(inChannels, [new ConvSpec(outChannels, kernel)], (_, _) => weights, type);

    private static float[] Weights(Model model, int layer = 0) =>
        model.Graph.Nodes.Single(n => n.Name == ConvName(layer)).Input(1)!.ConstValue!.ToDoubleArray().Select(v => (float)v).ToArray();

    [Fact]
    public void Layer_scope_zeroes_the_smallest_magnitudes_and_breaks_ties_by_index()
    {
        var model = OneConv([0.5f, -0.1f, 0.1f, -0.9f, 0.1f, 0.3f, -0.2f, 0.7f], 2, 4);
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.25}");
        Assert.True(report.Changed);

        // round(0.25 * 8) = 2: of the three |0.1| the first two by index go.
        Assert.Equal([0.5f, 0f, 0f, -0.9f, 0.1f, 0.3f, -0.2f, 0.7f], Weights(model));
        var stats = report.Runs[0].Statistics;
        Assert.Equal(2, stats.Get("weights-zeroed"));
        Assert.Equal(8, stats.Get("weights-total"));
        Assert.Equal(0.25, stats.Get("sparsity"));
        Assert.Equal(1, stats.Get("convs-pruned"));
    }

    [Fact]
    public void Amount_rounds_half_to_even_like_pytorch()
    {
        Assert.Equal(2, MagnitudePruner.CountToPrune(0.25, 10)); // 2.5 -> 2
        Assert.Equal(4, MagnitudePruner.CountToPrune(0.35, 10)); // 3.5 -> 4
        Assert.Equal(0, MagnitudePruner.CountToPrune(0.05, 9)); // 0.45 -> 0
        Assert.Equal(23, MagnitudePruner.CountToPrune(0.05, 464));
    }

    [Fact]
    public void Existing_zeros_count_toward_the_amount_and_negative_zero_is_kept()
    {
        var model = OneConv([-0f, 0.4f, 0f, 0.3f, 0.2f, 0.1f, 0.9f, 0.8f], 2, 4);
        var before = ModelWriter.ToBytes(model);
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.25}");

        // Two zeros already make 25%: nothing to do, the -0 stays -0 and the file stays byte-identical.
        Assert.False(report.Changed);
        Assert.Equal(before, ModelWriter.ToBytes(model));
        Assert.Equal(0.25, report.Runs[0].Statistics.Get("sparsity-before"));

        PipelineRunner.Run(model, "prune-conv-l1{amount=0.5}");
        var after = Weights(model);
        Assert.Equal([0f, 0.4f, 0f, 0.3f, 0f, 0f, 0.9f, 0.8f], after);
        Assert.True(float.IsNegative(after[0]));
        Assert.False(float.IsNegative(after[4]));
    }

    [Fact]
    public void Biases_and_other_tensors_stay_byte_identical()
    {
        var model = Random(7, DataType.Float, Values.Normal);
        var others = OtherInitializers(model);
        PipelineRunner.Run(model, "prune-conv-l1{amount=0.5}");
        Assert.All(OtherInitializers(model), p => Assert.True(others[p.Key].ContentEquals(p.Value), p.Key));
        Assert.Contains(others.Keys, k => k.EndsWith(".bias", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DataType.Float16)]
    [InlineData(DataType.Double)]
    public void Half_and_double_weights_are_ranked_in_their_own_type_and_zeroed_bit_exactly(DataType type)
    {
        float[] values = [0.5f, -0.1f, 0.1f, -0.9f, 0.1f, 0.3f, -0.2f, 0.7f];
        var model = OneConv(values, 2, 4, type: type);
        PipelineRunner.Run(model, "prune-conv-l1{amount=0.25}");
        var tensor = model.Graph.Initializers.Single(v => v.Name == "model.0.conv.weight").ConstValue!;
        Assert.Equal(type, tensor.DataType);
        int size = type == DataType.Double ? 8 : 2;
        Assert.All(new[] { 1, 2 }, i => Assert.All(tensor.Bytes.Span.Slice(i * size, size).ToArray(), b => Assert.Equal(0, b)));
        Assert.Equal(6, tensor.ToDoubleArray().Count(v => v != 0));
    }

    [Fact]
    public void Float16_ties_are_exact_not_rounded_through_float()
    {
        // Two halves that differ in the last bit must not tie: the smaller goes first even though it has the larger index.
        var a = (Half)0.30004883f;
        var b = BitConverter.UInt16BitsToHalf((ushort)(BitConverter.HalfToUInt16Bits(a) - 1));
        var model = OneConv([(float)a, (float)b, 1, 1], 1, 4, type: DataType.Float16);
        PipelineRunner.Run(model, "prune-conv-l1{amount=0.25}");
        Assert.Equal([(float)a, 0f, 1f, 1f], Weights(model));
    }

    [Fact]
    public void Nan_weights_rank_largest()
    {
        var model = OneConv([float.NaN, 0.1f, 0.2f, float.PositiveInfinity], 1, 4);
        PipelineRunner.Run(model, "prune-conv-l1{amount=0.75}", verifyEach: false);
        var w = Weights(model);
        Assert.True(float.IsNaN(w[0]));
        Assert.Equal([0f, 0f, 0f], w[1..]);
    }

    [Fact]
    public void Global_scope_prunes_the_layer_with_smaller_weights_more()
    {
        var model = Chain(4, [new ConvSpec(2), new ConvSpec(2)], (i, n) => Enumerable.Range(1, n).Select(j => (i == 0 ? 0.01f : 1f) * j).ToArray());
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.5 scope=global}");
        var stats = report.Runs[0].Statistics;

        // 12 weights, 6 zeroed: all 8 of layer 0 are smaller than layer 1's, so layer 0 loses its 6 smallest.
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 0.07f, 0.08f], Weights(model, 0));
        Assert.Equal([1f, 2f, 3f, 4f], Weights(model, 1));
        Assert.Equal(0.06f, (float)stats.Get("threshold"));
        Assert.Equal(0.5, stats.Get("sparsity"));
        var rows = stats.FindTable(PruneConvL1.LayersTable)!.Rows.Cast<PrunedLayerRow>().ToList();
        Assert.Equal([0.75, 0.0], rows.Select(r => r.Sparsity));
        Assert.Equal(ConvName(0), rows[0].Node);
        Assert.Equal("[2,4,1,1]", rows[0].Shape);
    }

    [Fact]
    public void Global_ties_go_in_layer_order_then_index()
    {
        var model = Chain(2, [new ConvSpec(2), new ConvSpec(2)], (_, _) => [0.5f, 0.5f, 0.5f, 0.5f]);
        PipelineRunner.Run(model, "prune-conv-l1{amount=0.75 scope=global}");
        Assert.Equal([0f, 0f, 0f, 0f], Weights(model, 0));
        Assert.Equal([0f, 0f, 0.5f, 0.5f], Weights(model, 1));
    }

    [Fact]
    public void Two_of_four_groups_run_along_input_channels()
    {
        // Weight [1, 4, 1, 2]: groups are the 4 channels at each of the 2 kernel positions (stride 2 apart).
        float[] w = [0.1f, 0.9f, 0.4f, 0.2f, 0.3f, 0.8f, 0.2f, 0.1f];
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 1, 4, 3, 3);
        var weight = b.Constant("w", Tensor.Create(w, 1, 4, 1, 2));
        b.Output(b.Op("Conv", "conv", [x, weight], NodeAttribute.Ints("kernel_shape", 1, 2)), "y", DataType.Float, 1, 1, 3, 2);
        var model = b.Build();
        PipelineRunner.Run(model, "prune-conv-l1{pattern=2:4}");

        // Position 0: channels (0.1, 0.4, 0.3, 0.2) keep 0.4 and 0.3; position 1: (0.9, 0.2, 0.8, 0.1) keep 0.9 and 0.8.
        Assert.Equal([0f, 0.9f, 0.4f, 0f, 0.3f, 0.8f, 0f, 0f], model.Graph.Initializers.Single().ConstValue!.ToArray<float>());
    }

    [Fact]
    public void Two_of_four_skips_and_reports_layers_without_four_aligned_channels()
    {
        var model = Chain(3, [new ConvSpec(8, 3), new ConvSpec(4)], (_, n) => Draw(new Random(n), n, Values.Normal));
        var first = Clone(model).Graph.Initializers[0].ConstValue!;
        var report = PipelineRunner.Run(model, "prune-conv-l1{pattern=2:4}");
        Assert.True(first.ContentEquals(model.Graph.Initializers[0].ConstValue!));
        var warning = Assert.Single(report.Diagnostics);
        Assert.Equal(ConvName(0), warning.NodeName);
        Assert.Contains("divisible by 4", warning.Message, StringComparison.Ordinal);
        var stats = report.Runs[0].Statistics;
        Assert.Equal(1, stats.Get("convs-skipped"));
        Assert.Equal(0.5, stats.Get("sparsity"));
        Assert.Equal(ConvName(0), Assert.IsType<SkippedConvRow>(stats.FindTable(PruneConvL1.SkippedTable)!.Rows.Single()).Node);
    }

    [Fact]
    public void Include_and_exclude_select_convs_by_node_name()
    {
        var model = Random(3, DataType.Float, Values.Normal);
        int convs = model.Graph.Nodes.Count(n => n.Is("Conv"));
        var original = ConvWeights(model);
        var report = PipelineRunner.Run(model, @"prune-conv-l1{amount=0.5 include=^/model\.\d+/ exclude=^/model\.0/}");
        var after = ConvWeights(model);
        Assert.True(original["model.0.conv.weight"].ContentEquals(after["model.0.conv.weight"]));
        Assert.Equal(1, report.Runs[0].Statistics.Get("convs-filtered-out"));
        Assert.Equal(convs - 1, report.Runs[0].Statistics.Get("convs-pruned"));
    }

    [Fact]
    public void Skip_depthwise_and_min_weights_leave_those_convs_alone()
    {
        var model = Chain(4, [new ConvSpec(4, 3, Group: 4), new ConvSpec(2)], (_, n) => Draw(new Random(n), n, Values.Normal));
        var report = PipelineRunner.Run(Clone(model), "prune-conv-l1{amount=0.5 skip-depthwise=true}");
        var skipped = Assert.IsType<SkippedConvRow>(report.Runs[0].Statistics.FindTable(PruneConvL1.SkippedTable)!.Rows.Single());
        Assert.Equal(ConvName(0), skipped.Node);
        Assert.Empty(report.Diagnostics);

        report = PipelineRunner.Run(Clone(model), "prune-conv-l1{amount=0.5 min-weights=10}");
        Assert.Contains("fewer than min-weights=10", Assert.IsType<SkippedConvRow>(report.Runs[0].Statistics.FindTable(PruneConvL1.SkippedTable)!.Rows.Single()).Reason, StringComparison.Ordinal);
        Assert.Empty(report.Diagnostics);
        Assert.Equal(1, report.Runs[0].Statistics.Get("convs-pruned"));
    }

    [Fact]
    public void A_weight_shared_by_two_selected_convs_is_pruned_once()
    {
        var (model, weight) = SharedWeightModel(extraReader: false);
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.5}");
        var stats = report.Runs[0].Statistics;
        Assert.Equal(2, stats.Get("convs-pruned"));
        Assert.Equal(16, stats.Get("weights-total"));
        Assert.Equal(8, weight.ConstValue!.ToArray<float>().Count(v => v == 0));
        var row = Assert.IsType<PrunedLayerRow>(stats.FindTable(PruneConvL1.LayersTable)!.Rows.Single());
        Assert.Equal("a", row.Node);
        Assert.Equal((16L, 8L), (row.NonzeroBefore, row.NonzeroAfter));
    }

    [Fact]
    public void A_weight_also_read_elsewhere_or_by_an_excluded_conv_is_left_alone()
    {
        var (model, weight) = SharedWeightModel(extraReader: true);
        var before = weight.ConstValue!;
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.5}");
        Assert.False(report.Changed);
        Assert.Same(before, weight.ConstValue);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("also read by", StringComparison.Ordinal));

        (model, weight) = SharedWeightModel(extraReader: false);
        report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.5 exclude=^b$}");
        Assert.False(report.Changed);
        Assert.Contains(report.Diagnostics, d => d.Message.Contains("shared with Conv 'b', which is not selected", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_that_are_graph_inputs_or_computed_are_not_pruned()
    {
        var b = new ModelBuilder(irVersion: 3);
        var x = b.Input("x", DataType.Float, 1, 2, 3, 3);
        var w = b.Constant("w", Tensor.Create(new float[] { 1, 2, 3, 4 }, 2, 2, 1, 1));
        b.Graph.AddInput(w);
        var computed = b.Op("Neg", "neg", [b.Constant("v", Tensor.Create(new float[] { 1, 2, 3, 4 }, 2, 2, 1, 1))]);
        var y = b.Op("Conv", "c1", [x, w]);
        b.Output(b.Op("Conv", "c2", [y, computed]), "y", DataType.Float, 1, 2, 3, 3);
        var report = PipelineRunner.Run(b.Build(), "prune-conv-l1{amount=0.5}");
        Assert.False(report.Changed);
        var reasons = report.Runs[0].Statistics.FindTable(PruneConvL1.SkippedTable)!.Rows.Cast<SkippedConvRow>().Select(r => r.Reason).ToList();
        Assert.Equal(["weight is also a graph input, so a caller may replace it", "weight is not an initializer"], reasons);
    }

    [Fact]
    public void Max_rewrites_stops_after_the_allowed_layers()
    {
        var model = Chain(2, [new ConvSpec(2), new ConvSpec(2), new ConvSpec(2)], (i, _) => [0.1f, 0.2f, 0.3f, 0.4f]);
        var report = PipelineRunner.Run(model, "prune-conv-l1{amount=0.5}", maxRewrites: 2);
        Assert.Equal([0f, 0f, 0.3f, 0.4f], Weights(model, 1));
        Assert.Equal([0.1f, 0.2f, 0.3f, 0.4f], Weights(model, 2));
        Assert.Equal(2, report.RewritesUsed);
        Assert.Equal(2, report.Runs[0].Statistics.Get("convs-pruned"));
        Assert.Equal(4, report.Runs[0].Statistics.Get("weights-zeroed"));
    }

    [Theory]
    [InlineData("prune-conv-l1")]
    [InlineData("prune-conv-l1{pattern=2:4}")]
    [InlineData(@"prune-conv-l1{amount=0.2 scope=global include=""/model\.(1|2)/.* x"" min-weights=100 skip-depthwise=true}")]
    public void Canonical_text_round_trips(string text)
    {
        string canonical = PipelineRunner.Parse(text).ToPipelineText();
        Assert.StartsWith("prune-conv-l1{amount=", canonical, StringComparison.Ordinal);
        Assert.Equal(canonical, PipelineRunner.Parse(canonical).ToPipelineText());
    }

    [Fact]
    public void Defaults_are_the_papers()
    {
        var options = new PruneConvL1Options();
        Assert.Equal(0.05, options.Amount);
        Assert.Equal(PruneScope.Layer, options.Scope);
        Assert.Equal(PrunePattern.Element, options.Pattern);
        Assert.Equal("prune-conv-l1{amount=0.05 scope=layer pattern=element include=\"\" exclude=\"\" skip-depthwise=false min-weights=0}", new PruneConvL1().ToPipelineText());
    }

    [Theory]
    [InlineData("prune-conv-l1{amount=1}", "amount must be at least 0 and below 1")]
    [InlineData("prune-conv-l1{amount=-0.1}", "amount must be at least 0 and below 1")]
    [InlineData("prune-conv-l1{scope=global pattern=2:4}", "scope=global cannot be combined with pattern=2:4")]
    [InlineData("prune-conv-l1{include=(abc}", "include is not a valid regular expression '(abc'")]
    [InlineData("prune-conv-l1{exclude=[}", "exclude is not a valid regular expression")]
    [InlineData("prune-conv-l1{min-weights=-1}", "min-weights must not be negative")]
    [InlineData("prune-conv-l1{pattern=4:8}", "expected one of element, 2:4")]
    public void Bad_options_are_rejected_with_the_option_named(string text, string expected)
    {
        var error = Assert.Throws<PipelineException>(() => PipelineRunner.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Two Convs "a" and "b" reading one weight; optionally an Add reads it too.</summary>
    private static (Model Model, Value Weight) SharedWeightModel(bool extraReader)
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 1, 4, 3, 3);
        var w = b.Constant("w", Tensor.Create(Enumerable.Range(1, 16).Select(i => i * 0.1f).ToArray(), 4, 4, 1, 1));
        var y = b.Op("Conv", "a", [x, w]);
        var z = b.Op("Conv", "b", [y, w]);
        if (extraReader)
        {
            b.Output(b.Op("Add", "add", [w, w]), "w2", DataType.Float, 4, 4, 1, 1);
        }

        b.Output(z, "z", DataType.Float, 1, 4, 3, 3);
        return (b.Build(), w);
    }
}
