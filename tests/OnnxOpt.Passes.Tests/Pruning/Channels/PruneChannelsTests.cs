using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>Unit tests of the channel analysis, selection and surgery on hand-built graphs.</summary>
public sealed class PruneChannelsTests
{
    private static Value Conv(Net net, Value x, int cin, int cout, int group = 1, float fill = 0.1f)
    {
        var w = net.Const("w" + net.Graph.Nodes.Count, Enumerable.Range(0, cout * (cin / group)).Select(i => fill * (1 + (i % 7))).ToArray(), cout, cin / group, 1, 1);
        return net.Op("Conv", [x, w], null, NodeAttribute.Int("group", group));
    }

    [Fact]
    public void Residual_add_unites_both_producers_into_one_group()
    {
        var net = new Net();
        var x = net.Input("x", 1, 4, 3, 3);
        var a = Conv(net, x, 4, 8);
        var b = Conv(net, a, 8, 8);
        var sum = net.Op("Add", [a, b]);
        net.Output(Conv(net, sum, 8, 2), "y");
        var analysis = ChannelAnalyzer.Analyze(net.Model);
        var group = Assert.Single(analysis.Groups, g => g.Prunable && g.Producers.Count == 2);
        Assert.Equal(8, group.Channels);
        Assert.Contains(analysis.Groups, g => g.Closed is not null && g.Closed.Contains("graph output", StringComparison.Ordinal));
    }

    [Fact]
    public void Graph_output_gather_and_channel_reshape_close_their_channels()
    {
        var net = new Net();
        var x = net.Input("x", 1, 4, 3, 3);
        var a = Conv(net, x, 4, 8);
        net.Output(a, "direct");
        var b = Conv(net, x, 4, 8);
        var gathered = net.Op("Gather", [b, net.Ints("idx", 0, 1)], null, NodeAttribute.Int("axis", 1));
        net.Output(gathered, "gathered");
        var c = Conv(net, x, 4, 8);
        var reshaped = net.Op("Reshape", [c, net.Ints("shape", 1, 2, 4, 9)]);
        net.Output(reshaped, "reshaped");
        var analysis = ChannelAnalyzer.Analyze(net.Model);
        Assert.DoesNotContain(analysis.Groups, g => g.Prunable);
        Assert.Equal(PassResult.Unchanged.Changed, PipelineRunner.Run(net.Model, "prune-channels{amount=0.5 round-to=1}").Changed);
    }

    [Fact]
    public void Spatial_reshape_keeps_channels_and_is_rewritten()
    {
        var net = new Net();
        var x = net.Input("x", 1, 4, 3, 3);
        var a = Conv(net, x, 4, 8);
        var flat = net.Op("Reshape", [a, net.Ints("shape", 1, 8, -1)]);
        var back = net.Op("Reshape", [flat, net.Ints("shape2", 1, 8, 3, 3)]);
        net.Output(Conv(net, back, 8, 2), "y");
        var analysis = ChannelAnalyzer.Analyze(net.Model);
        Assert.Single(analysis.Groups, g => g.Prunable);
        var original = Equivalence.Clone(net.Model);
        PipelineRunner.Run(net.Model, "prune-channels{amount=0.5 round-to=1 scope=layer}");
        Assert.Equal([1, 4, -1], net.Model.Graph.Nodes.First(n => n.OpType == "Reshape").Input(1)!.ConstValue!.ToInt64Array());
        using var runner = new Backends.OnnxRuntime.OrtRunner(net.Model);
        Assert.Equal([1, 2, 3, 3], runner.Run(new Backends.OnnxRuntime.InputGenerator().Generate(original))["y"].Dims);
    }

    [Fact]
    public void Depthwise_conv_passes_channels_and_shrinks_its_group()
    {
        var net = new Net();
        var x = net.Input("x", 1, 4, 3, 3);
        var a = Conv(net, x, 4, 16);
        var dw = Conv(net, a, 16, 16, group: 16);
        net.Output(Conv(net, dw, 16, 2), "y");
        PipelineRunner.Run(net.Model, "prune-channels{amount=0.5 round-to=8 scope=layer}");
        var depthwise = net.Model.Graph.Nodes.Single(n => n.OpType == "Conv" && n.GetInt("group", 1) > 1);
        Assert.Equal(8, depthwise.GetInt("group", 1));
        Assert.Equal([8, 1, 1, 1], depthwise.Input(1)!.ConstValue!.Dims);
    }

    [Fact]
    public void Grouped_conv_closes_its_input_channels()
    {
        var net = new Net();
        var x = net.Input("x", 1, 4, 3, 3);
        var a = Conv(net, x, 4, 16);
        var grouped = Conv(net, a, 16, 8, group: 2);
        net.Output(Conv(net, grouped, 8, 2), "y");
        var analysis = ChannelAnalyzer.Analyze(net.Model);
        var group = Assert.Single(analysis.Groups, g => g.Producers.Contains(a.Producer!.Name));
        Assert.False(group.Prunable);
        Assert.Contains("grouped Conv", group.Closed, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_sizes_follow_the_kept_channels_and_shared_sizes_are_copied()
    {
        var net = new Net();
        var x = net.Input("x", 1, 4, 3, 3);
        var sizes = net.Ints("sizes", 8, 8);
        var first = net.Node("Split", [Conv(net, x, 4, 16), sizes], 2, NodeAttribute.Int("axis", 1));
        var second = net.Node("Split", [Conv(net, x, 4, 16), sizes], 2, NodeAttribute.Int("axis", 1));
        var cat = net.Op("Concat", [first.Output(0), first.Output(1), second.Output(0), second.Output(1)], null, NodeAttribute.Int("axis", 1));
        net.Output(Conv(net, cat, 32, 2), "y");
        var original = Equivalence.Clone(net.Model);
        PipelineRunner.Run(net.Model, "prune-channels{amount=0.5 round-to=1 scope=layer include=\"Conv_0\"}");
        var splits = net.Model.Graph.Nodes.Where(n => n.OpType == "Split").ToList();
        Assert.Equal([4, 4], splits[0].Input(1)!.ConstValue!.ToInt64Array());
        Assert.Equal([8, 8], splits[1].Input(1)!.ConstValue!.ToInt64Array());
        using var runner = new Backends.OnnxRuntime.OrtRunner(net.Model);
        Assert.Equal([1, 2, 3, 3], runner.Run(new Backends.OnnxRuntime.InputGenerator().Generate(original))["y"].Dims);
    }

    [Theory]
    [InlineData(16, 5, 8, 0.5, 8)]
    [InlineData(16, 4, 8, 0.5, 0)]
    [InlineData(16, 3, 8, 0.5, 0)]
    [InlineData(8, 4, 8, 0.5, 0)]
    [InlineData(64, 60, 8, 0.5, 32)]
    [InlineData(64, 60, 1, 1, 60)]
    [InlineData(10, 10, 1, 1, 9)]
    public void Adjust_applies_cap_keep_one_and_rounding(int n, int wanted, int roundTo, double cap, int expected) =>
        Assert.Equal(expected, ChannelSelector.Adjust(n, wanted, roundTo, cap));

    [Fact]
    public void Yolov8n_like_analysis_protects_the_ultralytics_head_outputs()
    {
        var model = SampleModels.Yolo.YoloV8Generator.Generate(new SampleModels.Yolo.YoloV8Options());
        var analysis = ChannelAnalyzer.Analyze(model, ChannelAnalyzer.Protection(model, string.Empty, string.Empty, protectHead: true));
        Assert.Contains(analysis.Groups, g => g.Closed?.Contains("Ultralytics head", StringComparison.Ordinal) == true);
        Assert.True(analysis.Groups.Count(g => g.Prunable) > 40);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.NotNull(new PruneChannelsOptions { Amount = 1 }.Validate());
        Assert.NotNull(new PruneChannelsOptions { RoundTo = 0 }.Validate());
        Assert.NotNull(new PruneChannelsOptions { MaxPerGroup = 0 }.Validate());
        Assert.NotNull(new PruneChannelsOptions { Exclude = "(" }.Validate());
        Assert.Null(new PruneChannelsOptions().Validate());
    }

    [Fact]
    public void Reconstruction_without_calibration_is_an_error()
    {
        var model = ChannelNetworks.Random(3);
        var e = Assert.ThrowsAny<Exception>(() => PipelineRunner.Run(model, "prune-channels{reconstruct=true}"));
        Assert.Contains("calibration", e.ToString(), StringComparison.Ordinal);
        _ = ModelWriter.ToBytes(model);
    }
}
