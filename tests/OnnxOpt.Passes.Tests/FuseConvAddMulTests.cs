using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>fuse-conv-add and fuse-conv-mul share their matching rules, so they are tested side by side.</summary>
public sealed class FuseConvAddMulTests
{
    private static readonly long[] Out = [1, 3, 4, 5];

    /// <summary>x[1,2,4,5] → Conv(2→3, 1x1, optional bias b=[1,2,3]) → OP(conv, constant of <paramref name="dims"/>) → y.</summary>
    private static (Net Net, Value Conv, Value Result) Build(string op, long[] dims, bool bias = true, bool constantFirst = false)
    {
        var net = new Net();
        var x = net.Input("x", 1, 2, 4, 5);
        var w = net.Const("w", [1, -1, 0.5f, 2, -0.25f, 1.5f], 3, 2, 1, 1);
        var conv = net.Op("Conv", bias ? [x, w, net.Const("b", [1, 2, 3], 3)] : [x, w], Out);
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var constant = net.Const("c", [.. Enumerable.Range(0, (int)count).Select(i => 0.5f + i)], dims);
        var result = net.Op(op, constantFirst ? [constant, conv] : [conv, constant], Out);
        net.Output(net.Op("Relu", [result], Out), "y");
        return (net, conv, result);
    }

    public static TheoryData<string, long[], bool> PerChannelShapes() => new()
    {
        { "Add", [1, 3, 1, 1], false },
        { "Add", [3, 1, 1], true },
        { "Add", [], false },
        { "Add", [1], true },
        { "Add", [1, 1, 1, 1], false },
        { "Mul", [1, 3, 1, 1], true },
        { "Mul", [3, 1, 1], false },
        { "Mul", [], true },
        { "Mul", [1, 1, 1], false },
    };

    [Theory]
    [MemberData(nameof(PerChannelShapes))]
    public void Per_channel_constants_fold_into_the_conv(string op, long[] dims, bool constantFirst)
    {
        foreach (bool bias in new[] { true, false })
        {
            var (net, conv, _) = Build(op, dims, bias, constantFirst);
            var original = Equivalence.Clone(net.Model);

            var report = PipelineRunner.Run(net.Model, op == "Add" ? "fuse-conv-add" : "fuse-conv-mul");

            Assert.Equal(0, Net.Count(net.Model, op));
            Assert.Equal(1, report.Runs[0].Statistics.Get(op == "Add" ? "adds-fused" : "muls-fused"));
            Assert.Same(conv, net.Graph.Nodes.Single(n => n.OpType == "Relu").Input(0));
            Equivalence.AssertSameOutputs(original, net.Model);
        }
    }

    [Fact]
    public void Add_folds_exactly_into_the_bias()
    {
        var (net, conv, _) = Build("Add", [1, 3, 1, 1]);

        PipelineRunner.Run(net.Model, "fuse-conv-add");

        Assert.Equal([1.5f, 3.5f, 5.5f], conv.Producer!.Input(2)!.ConstValue!.ToArray<float>());
        Assert.Equal("w", conv.Producer!.Input(1)!.Name);
    }

    [Fact]
    public void Mul_scales_weights_and_bias_and_adds_no_bias_when_there_was_none()
    {
        var (net, conv, _) = Build("Mul", [1, 3, 1, 1]);
        PipelineRunner.Run(net.Model, "fuse-conv-mul");
        Assert.Equal([0.5f, -0.5f, 0.75f, 3, -0.625f, 3.75f], conv.Producer!.Input(1)!.ConstValue!.ToArray<float>());
        Assert.Equal([0.5f, 3, 7.5f], conv.Producer!.Input(2)!.ConstValue!.ToArray<float>());

        var (unbiased, conv2, _) = Build("Mul", [1, 3, 1, 1], bias: false);
        PipelineRunner.Run(unbiased.Model, "fuse-conv-mul");
        Assert.Equal(2, conv2.Producer!.Inputs.Count);
    }

    public static TheoryData<string, long[], string> NotPerChannel() => new()
    {
        { "Add", [3], "axis 3" },
        { "Add", [5], "axis 3" },
        { "Add", [1, 1, 4, 5], "axis 2" },
        { "Mul", [1, 3, 4, 5], "axis 2" },
        { "Mul", [1, 1, 3, 1, 1], "more dims" },
        { "Mul", [2, 3, 1, 1], "axis 0" },
    };

    [Theory]
    [MemberData(nameof(NotPerChannel))]
    public void Constants_that_are_not_per_channel_are_not_folded(string op, long[] dims, string reason)
    {
        var (net, _, result) = Build(op, dims);

        Assert.Contains(reason, Why(net, op, result));
        Assert.False(PipelineRunner.Run(net.Model, op == "Add" ? "fuse-conv-add" : "fuse-conv-mul").Changed);
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Mul")]
    public void Non_constant_operands_shared_conv_outputs_and_graph_output_convs_are_not_folded(string op)
    {
        var (fed, _, fedResult) = Build(op, [1, 3, 1, 1]);
        fedResult.Producer!.SetInput(1, fed.Builder.Input("fed", DataType.Float, 1, 3, 1, 1));
        Assert.Contains("not a constant", Why(fed, op, fedResult));

        var (shared, sharedConv, sharedResult) = Build(op, [1, 3, 1, 1]);
        shared.Output(shared.Op("Sigmoid", [sharedConv], Out), "z");
        Assert.Contains("2 uses", Why(shared, op, sharedResult));

        var (exposed, exposedConv, exposedResult) = Build(op, [1, 3, 1, 1]);
        exposed.Output(exposedConv, "conv_out");
        Assert.Contains("graph output", Why(exposed, op, exposedResult));

        var (twice, twiceConv, twiceResult) = Build(op, [1, 3, 1, 1]);
        twiceResult.Producer!.SetInput(1, twiceConv);
        Assert.Contains("2 uses", Why(twice, op, twiceResult));
    }

    [Fact]
    public void Non_finite_constants_are_not_folded()
    {
        var (net, _, result) = Build("Mul", [1, 3, 1, 1]);
        result.Producer!.SetInput(1, net.Const("inf", [1, float.PositiveInfinity, 1], 1, 3, 1, 1));
        Assert.Contains("non-finite", Why(net, "Mul", result));
    }

    [Fact]
    public void A_graph_output_add_keeps_its_name_and_chains_fold_in_one_run()
    {
        var net = new Net();
        var x = net.Input("x", 1, 2, 4, 5);
        var conv = net.Op("Conv", [x, net.Const("w", [1, 2], 1, 2, 1, 1)], [1, 1, 4, 5]);
        var added = net.Op("Add", [conv, net.Const("c1", [0.5f], 1, 1, 1)], [1, 1, 4, 5]);
        var scaled = net.Op("Mul", [added, net.Const("c2", [3], 1)], [1, 1, 4, 5]);
        net.Output(net.Op("Add", [scaled, net.Const("c3", [-1], 1, 1, 1, 1)], [1, 1, 4, 5]), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "fuse-conv-add,fuse-conv-mul,fuse-conv-add");

        Assert.Equal(["Conv"], net.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal("y", conv.Name);
        Assert.Equal([0.5f], conv.Producer!.Input(2)!.ConstValue!.ToArray<float>());
        Assert.Equal([3f, 6f], conv.Producer!.Input(1)!.ConstValue!.ToArray<float>());
        Assert.Equal(1, report.Runs[2].Statistics.Get("outputs-renamed"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    private static string? Why(Net net, string op, Value result) =>
        Net.WhyNot(op == "Add" ? new FuseConvAdd().CreatePatterns(net.Model, new PassContext()) : new FuseConvMul().CreatePatterns(net.Model, new PassContext()), result.Producer!);
}
