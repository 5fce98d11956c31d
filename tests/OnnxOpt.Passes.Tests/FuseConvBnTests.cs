using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class FuseConvBnTests
{
    /// <summary>x[1,2,4,4] → Conv(2→3, 3x3, pad 1, optional bias) → BatchNormalization → (Relu →) y.</summary>
    private static (Net Net, Value Conv, Value Bn) Build(bool bias = true, bool reluAfter = true, long groups = 1, long opset = 17, NodeAttribute[]? bnAttributes = null)
    {
        var net = new Net(opset);
        var x = net.Input("x", 1, 2, 4, 4);
        var random = new Random(3);
        float[] Floats(int n, double low, double high) => [.. Enumerable.Range(0, n).Select(_ => (float)(low + (random.NextDouble() * (high - low))))];
        long inPerGroup = 2 / groups;
        var w = net.Const("w", Floats((int)(4 * inPerGroup * 9), -1, 1), 4, inPerGroup, 3, 3);
        Value?[] convInputs = bias ? [x, w, net.Const("b", Floats(4, -1, 1), 4)] : [x, w];
        var conv = net.Op("Conv", convInputs, [1, 4, 4, 4], NodeAttribute.Ints("pads", 1, 1, 1, 1), NodeAttribute.Int("group", groups));
        var bn = net.Op(
            "BatchNormalization",
            [conv, net.Const("scale", Floats(4, 0.5, 1.5), 4), net.Const("shift", Floats(4, -1, 1), 4), net.Const("mean", Floats(4, -1, 1), 4), net.Const("var", Floats(4, 0.5, 1.5), 4)],
            [1, 4, 4, 4],
            bnAttributes ?? [NodeAttribute.Float("epsilon", 1e-3f)]);
        net.Output(reluAfter ? net.Op("Relu", [bn], [1, 4, 4, 4]) : bn, "y");
        return (net, conv, bn);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void Batch_norm_folds_into_the_conv(bool bias, long groups)
    {
        var (net, conv, _) = Build(bias, groups: groups);
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "fuse-conv-bn,eliminate-unused-initializers");

        Assert.Equal(0, Net.Count(net.Model, "BatchNormalization"));
        Assert.Equal(3, conv.Producer!.Inputs.Count);
        Assert.Equal(1, report.Runs[0].Statistics.Get("batchnorms-fused"));
        Assert.Equal(["w_fused", bias ? "b_fused" : "w_bias_fused"], net.Graph.Initializers.Select(v => v.Name));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Folded_values_follow_the_formula()
    {
        var net = new Net();
        var x = net.Input("x", 1, 1, 2, 2);
        var conv = net.Op("Conv", [x, net.Const("w", [2], 1, 1, 1, 1), net.Const("b", [1], 1)], [1, 1, 2, 2]);
        var bn = net.Op("BatchNormalization", [conv, net.Const("scale", [3], 1), net.Const("shift", [0.5f], 1), net.Const("mean", [1], 1), net.Const("var", [3], 1)], [1, 1, 2, 2], NodeAttribute.Float("epsilon", 1));
        net.Output(bn, "y");

        PipelineRunner.Run(net.Model, "fuse-conv-bn");

        // s = 3 / sqrt(3 + 1) = 1.5; W' = 2 * 1.5; b' = (1 - 1) * 1.5 + 0.5.
        var node = net.Graph.Nodes.Single();
        Assert.Equal([3f], node.Input(1)!.ConstValue!.ToArray<float>());
        Assert.Equal([0.5f], node.Input(2)!.ConstValue!.ToArray<float>());
        Assert.Equal("y", node.Output(0).Name);
        Assert.Same(node.Output(0), net.Graph.Outputs.Single());
    }

    [Fact]
    public void Float16_weights_are_computed_in_double_and_written_as_float16()
    {
        var net = new Net();
        var x = net.Builder.Input("x", DataType.Float16, 1, 1, 2, 2);
        Value Half1(string name, float value) => net.Builder.Constant(name, Tensor.Create([(Half)value], 1));
        var w = net.Builder.Constant("w", Tensor.Create([(Half)0.1f], 1, 1, 1, 1));
        var conv = net.Builder.Op("Conv", "conv", [x, w]);
        var bn = net.Builder.Op("BatchNormalization", "bn", [conv, Half1("scale", 0.7f), Half1("shift", 0.2f), Half1("mean", 0.3f), Half1("var", 0.9f)]);
        net.Builder.Output(bn, "y", DataType.Float16);

        PipelineRunner.Run(net.Model, "fuse-conv-bn");

        double s = (double)(Half)0.7f / Math.Sqrt((double)(Half)0.9f + 1e-5f);
        var node = net.Graph.Nodes.Single();
        Assert.Equal(DataType.Float16, node.Input(1)!.ConstValue!.DataType);
        Assert.Equal((Half)((double)(Half)0.1f * s), node.Input(1)!.ConstValue!.ToArray<Half>()[0]);
        Assert.Equal((Half)((double)(Half)0.2f - ((double)(Half)0.3f * s)), node.Input(2)!.ConstValue!.ToArray<Half>()[0]);
    }

    [Fact]
    public void Conv_output_used_twice_is_not_fused()
    {
        var (net, conv, bn) = Build();
        net.Output(net.Op("Sigmoid", [conv], [1, 4, 4, 4]), "z");

        Assert.False(PipelineRunner.Run(net.Model, "fuse-conv-bn").Changed);
        Assert.Contains("has 2 uses", Why(net, bn));
    }

    [Fact]
    public void Conv_output_that_is_a_graph_output_is_not_fused()
    {
        var (net, conv, bn) = Build();
        net.Output(conv, "conv_out");

        Assert.False(PipelineRunner.Run(net.Model, "fuse-conv-bn").Changed);
        Assert.Contains("graph output", Why(net, bn));
    }

    [Fact]
    public void Batch_norm_output_that_is_a_graph_output_keeps_its_name()
    {
        var (net, conv, _) = Build(reluAfter: false);
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "fuse-conv-bn");

        Assert.Equal("y", conv.Name);
        Assert.Equal(["y"], net.Graph.Outputs.Select(v => v.Name));
        Assert.Equal(1, report.Runs[0].Statistics.Get("outputs-renamed"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Training_form_is_not_fused()
    {
        var (net, _, bn) = Build(bnAttributes: [NodeAttribute.Int("training_mode", 1)]);
        Assert.Contains("inference form", Why(net, bn));

        var net2 = new Net();
        var x = net2.Input("x", 1, 1, 2, 2);
        var conv = net2.Op("Conv", [x, net2.Const("w", [2], 1, 1, 1, 1)]);
        var training = net2.Node("BatchNormalization", [conv, net2.Const("s", [1], 1), net2.Const("b", [0], 1), net2.Const("m", [0], 1), net2.Const("v", [1], 1)], 3);
        net2.Output(training.Output(0), "y");
        Assert.Contains("3 outputs", Net.WhyNot(new FuseConvBn().CreatePatterns(net2.Model, new PassContext()), training));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Before_opset_7_only_is_test_batch_norms_fold(bool isTest, bool fused)
    {
        var (net, _, _) = Build(opset: 6, bnAttributes: isTest ? [NodeAttribute.Int("is_test", 1)] : []);
        Assert.Equal(fused, PipelineRunner.Run(net.Model, "fuse-conv-bn").Changed);
    }

    [Fact]
    public void Non_constant_parameters_or_weights_are_not_fused()
    {
        var (net, conv, bn) = Build();
        var fed = net.Builder.Input("fed_mean", DataType.Float, 4);
        bn.Producer!.SetInput(3, fed);
        Assert.Contains("not a float constant", Why(net, bn));

        var (net2, conv2, bn2) = Build();
        net2.Graph.AddInput(conv2.Producer!.Input(1)!);
        Assert.Contains("weight is not a constant", Why(net2, bn2));
        Assert.False(PipelineRunner.Run(net2.Model, "fuse-conv-bn").Changed);
        Assert.NotNull(conv.Producer);
    }

    [Fact]
    public void Parameters_of_the_wrong_length_are_not_fused()
    {
        var (net, _, bn) = Build();
        bn.Producer!.SetInput(1, net.Const("scale5", [1, 1, 1, 1, 1], 5));
        Assert.Contains("not [4]", Why(net, bn));
    }

    [Fact]
    public void Two_convs_sharing_a_weight_get_fresh_weights_each()
    {
        var net = new Net();
        var x = net.Input("x", 1, 1, 2, 2);
        var w = net.Const("w", [2], 1, 1, 1, 1);
        Value Branch(float scale)
        {
            var conv = net.Op("Conv", [x, w], [1, 1, 2, 2]);
            return net.Op("BatchNormalization", [conv, net.Const("s", [scale], 1), net.Const("b", [0], 1), net.Const("m", [0], 1), net.Const("v", [1], 1)], [1, 1, 2, 2]);
        }

        net.Output(net.Op("Add", [Branch(1), Branch(2)], [1, 1, 2, 2]), "y");
        var original = Equivalence.Clone(net.Model);

        PipelineRunner.Run(net.Model, "fuse-conv-bn");

        var weights = net.Graph.Nodes.Where(n => n.OpType == "Conv").Select(n => n.Input(1)!).ToList();
        Assert.All(weights, v => Assert.StartsWith("w_fused", v.Name, StringComparison.Ordinal));
        Assert.NotSame(weights[0], weights[1]);
        Assert.False(w.HasUses);
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    private static string? Why(Net net, Value bn) => Net.WhyNot(new FuseConvBn().CreatePatterns(net.Model, new PassContext()), bn.Producer!);
}
