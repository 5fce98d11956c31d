using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

public sealed class DedupeInitializersTests
{
    [Fact]
    public void Identical_initializers_are_merged_into_the_first()
    {
        var net = new Net();
        var x = net.Input("x", 2, 3);
        var a = net.Const("a", [1, 2, 3, 4, 5, 6], 2, 3);
        var b = net.Const("b", [1, 2, 3, 4, 5, 6], 2, 3);
        var c = net.Const("c", [1, 2, 3, 4, 5, 6], 2, 3);
        var sum = net.Op("Add", [net.Op("Add", [x, a]), net.Op("Mul", [x, b])]);
        net.Output(net.Op("Sub", [sum, c]), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "dedupe-initializers");

        Assert.Equal(["a"], net.Graph.Initializers.Select(v => v.Name));
        Assert.Equal(3, a.Uses.Count);
        Assert.Equal(2, report.Runs[0].Statistics.Get("initializers-merged"));
        Assert.Equal(48, report.Runs[0].Statistics.Get("bytes-saved"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }

    [Fact]
    public void Same_bytes_with_other_dims_or_type_and_different_bytes_are_kept()
    {
        var net = new Net();
        var x = net.Input("x", 6);
        Value[] constants =
        [
            net.Const("flat", [1, 2, 3, 4, 5, 6], 6),
            net.Const("matrix", [1, 2, 3, 4, 5, 6], 2, 3),
            net.Builder.Constant("ints", Tensor.Create([1, 2, 3, 4, 5, 6], 6)),
            net.Builder.Constant("bits", Tensor.Create(new[] { 1f, 2, 3, 4, 5, 6 }.Select(BitConverter.SingleToInt32Bits).ToArray(), 6)),
            net.Const("other", [1, 2, 3, 4, 5, 7], 6),
        ];
        foreach (var constant in constants)
        {
            net.Builder.Output(net.Op("Identity", [constant]), $"out_{constant.Name}");
        }

        net.Output(net.Op("Relu", [x]), "y");

        Assert.False(PipelineRunner.Run(net.Model, "dedupe-initializers").Changed);
        Assert.Equal(5, net.Graph.Initializers.Count);
    }

    [Fact]
    public void Initializers_that_are_graph_inputs_or_outputs_are_not_merged()
    {
        var net = new Net();
        var x = net.Input("x", 3);
        var plain = net.Const("plain", [1, 2, 3], 3);
        var overridable = net.Const("overridable", [1, 2, 3], 3);
        net.Graph.AddInput(overridable);
        var returned = net.Const("returned", [1, 2, 3], 3);
        net.Output(net.Op("Add", [net.Op("Add", [x, plain]), overridable]), "y");
        net.Graph.AddOutput(returned);

        Assert.False(PipelineRunner.Run(net.Model, "dedupe-initializers").Changed);
        Assert.Equal(3, net.Graph.Initializers.Count);
    }

    [Fact]
    public void String_initializers_are_compared_by_content()
    {
        var net = new Net();
        byte[][] words = ["a"u8.ToArray(), "bc"u8.ToArray()];
        var first = net.Builder.Constant("s1", Tensor.FromStrings([2], words));
        var second = net.Builder.Constant("s2", Tensor.FromStrings([2], words.Select(w => w.ToArray())));
        var third = net.Builder.Constant("s3", Tensor.FromStrings([2], ["a"u8.ToArray(), "bd"u8.ToArray()]));
        var concat = net.Builder.Op("Concat", "concat", [first, second, third], NodeAttribute.Int("axis", 0));
        net.Builder.Output(concat, "y", DataType.String);

        PipelineRunner.Run(net.Model, "dedupe-initializers");

        Assert.Equal(["s1", "s3"], net.Graph.Initializers.Select(v => v.Name));
        Assert.Equal([first, first, third], concat.Producer!.Inputs);
    }

    [Fact]
    public void Large_tensors_that_differ_in_one_word_the_hash_does_not_sample_are_kept_apart()
    {
        // 1000 floats: the hash reads words 0-63, 436-499 and every 7th word; word 300 (floats 600-601) is not read.
        float[] values = Enumerable.Range(0, 1000).Select(i => i * 0.5f).ToArray();
        float[] differs = (float[])values.Clone();
        differs[600] = -1f;
        var net = new Net();
        var x = net.Input("x", 1000);
        var a = net.Const("a", values, 1000);
        var b = net.Const("b", differs, 1000);
        var c = net.Const("c", (float[])values.Clone(), 1000);
        net.Output(net.Op("Add", [net.Op("Add", [x, a]), net.Op("Mul", [b, c])]), "y");
        var original = Equivalence.Clone(net.Model);

        var report = PipelineRunner.Run(net.Model, "dedupe-initializers");

        Assert.Equal(["a", "b"], net.Graph.Initializers.Select(v => v.Name));
        Assert.Equal(1, report.Runs[0].Statistics.Get("initializers-merged"));
        Equivalence.AssertSameOutputs(original, net.Model);
    }
}
