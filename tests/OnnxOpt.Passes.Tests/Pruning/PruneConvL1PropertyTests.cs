using FsCheck.Xunit;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning;
using OnnxOpt.TestSupport;
using Xunit;
using static OnnxOpt.Passes.Tests.Pruning.PruneModels;

namespace OnnxOpt.Passes.Tests.Pruning;

/// <summary>FsCheck properties of `prune-conv-l1` on random Conv chains with float, float16 and double weights.</summary>
public sealed class PruneConvL1PropertyTests
{
    private static readonly DataType[] Types = [DataType.Float, DataType.Float16, DataType.Double];

    private static (Model Model, DataType Type, double Amount) Case(int seed, byte typeIndex, byte valueMode, byte amountPercent, bool fourAligned = false)
    {
        var type = Types[typeIndex % Types.Length];
        var model = Random(seed, type, (Values)(valueMode % 3), fourAligned);
        return (model, type, amountPercent % 96 / 100.0);
    }

    [Property(MaxTest = 100)]
    public void Amount_zero_changes_nothing(int seed, byte typeIndex, byte valueMode, bool global)
    {
        var (model, _, _) = Case(seed, typeIndex, valueMode, 0);
        var before = ModelWriter.ToBytes(model);
        var report = PipelineRunner.Run(model, $"prune-conv-l1{{amount=0 scope={(global ? "global" : "layer")}}}");
        Assert.False(report.Changed);
        Assert.Equal(before, ModelWriter.ToBytes(model));
    }

    [Property(MaxTest = 100)]
    public void Layer_scope_zeroes_the_smallest_round_p_n_of_every_layer(int seed, byte typeIndex, byte valueMode, byte amountPercent)
    {
        var (model, _, amount) = Case(seed, typeIndex, valueMode, amountPercent);
        var original = ConvWeights(model);
        PipelineRunner.Run(model, $"prune-conv-l1{{amount={amount}}}");
        foreach (var (name, after) in ConvWeights(model))
        {
            var before = original[name];
            long k = MagnitudePruner.CountToPrune(amount, before.ElementCount);
            Assert.Equal(Math.Max(Zeros(before), k), Zeros(after));
            Assert.True(Zeros(after) >= (amount * before.ElementCount) - 0.5, $"{name}: sparsity below the amount");
            AssertPrunedAreSmallest([(before, after)]);
        }
    }

    [Property(MaxTest = 100)]
    public void Global_scope_uses_one_threshold_for_all_layers(int seed, byte typeIndex, byte valueMode, byte amountPercent)
    {
        var (model, _, amount) = Case(seed, typeIndex, valueMode, amountPercent);
        var original = ConvWeights(model);
        var report = PipelineRunner.Run(model, $"prune-conv-l1{{amount={amount} scope=global}}");
        var pairs = ConvWeights(model).Select(p => (original[p.Key], p.Value)).ToList();
        long total = pairs.Sum(p => p.Item1.ElementCount);
        long k = MagnitudePruner.CountToPrune(amount, total);
        long zerosBefore = pairs.Sum(p => Zeros(p.Item1));
        long zerosAfter = pairs.Sum(p => Zeros(p.Item2));
        Assert.Equal(Math.Max(zerosBefore, k), zerosAfter);
        AssertPrunedAreSmallest(pairs);
        if (report.Changed)
        {
            double threshold = report.Runs[0].Statistics.Get("threshold");
            Assert.All(pairs, p => AssertAtOrBelow(p.Item1, p.Item2, threshold));
        }
    }

    [Property(MaxTest = 100)]
    public void Two_of_four_leaves_at_most_two_nonzeros_per_group(int seed, byte typeIndex, byte valueMode)
    {
        var (model, _, _) = Case(seed, typeIndex, valueMode, 0, fourAligned: true);
        var original = ConvWeights(model);
        var report = PipelineRunner.Run(model, "prune-conv-l1{pattern=2:4}");
        foreach (var (name, after) in ConvWeights(model))
        {
            var before = original[name];
            if (before.Dims[1] % 4 != 0)
            {
                Assert.True(before.ContentEquals(after), $"{name} has {before.Dims[1]} channels per group and must be skipped");
                Assert.Contains(report.Diagnostics, d => d.Message.Contains("2:4 needs input channels", StringComparison.Ordinal));
                continue;
            }

            var values = after.ToDoubleArray();
            var old = before.ToDoubleArray();
            long channels = after.Dims[1];
            long stride = after.ElementCount / (after.Dims[0] * channels);
            for (long m = 0; m < after.Dims[0]; m++)
            {
                for (long s = 0; s < stride; s++)
                {
                    for (long c = 0; c < channels; c += 4)
                    {
                        var group = Enumerable.Range(0, 4).Select(j => (m * channels * stride) + ((c + j) * stride) + s).ToArray();
                        Assert.True(group.Count(i => values[i] != 0) <= 2, $"{name}: group at m={m} c={c} s={s} keeps more than 2 weights");

                        // The kept weights are the group's largest: no zeroed weight is larger than a kept one.
                        var zeroed = group.Where(i => values[i] == 0 && old[i] != 0).Select(i => Math.Abs(old[i])).DefaultIfEmpty(0).Max();
                        var kept = group.Where(i => values[i] != 0).Select(i => Math.Abs(values[i])).DefaultIfEmpty(double.PositiveInfinity).Min();
                        Assert.True(zeroed <= kept);
                    }
                }
            }

            AssertOnlyZeroed(before, after);
        }
    }

    [Property(MaxTest = 100)]
    public void Running_twice_equals_running_once(int seed, byte typeIndex, byte valueMode, byte amountPercent, byte mode)
    {
        var (model, _, amount) = Case(seed, typeIndex, valueMode, amountPercent, fourAligned: mode % 3 == 2);
        string pipeline = (mode % 3) switch
        {
            0 => $"prune-conv-l1{{amount={amount}}}",
            1 => $"prune-conv-l1{{amount={amount} scope=global}}",
            _ => "prune-conv-l1{pattern=2:4}",
        };
        PipelineRunner.Run(model, pipeline);
        var once = ModelWriter.ToBytes(model);
        var second = PipelineRunner.Run(model, pipeline);
        Assert.False(second.Changed);
        Assert.Equal(once, ModelWriter.ToBytes(model));
    }

    [Property(MaxTest = 100)]
    public void Only_conv_weights_change(int seed, byte typeIndex, byte valueMode, byte amountPercent, byte mode)
    {
        var (model, _, amount) = Case(seed, typeIndex, valueMode, amountPercent, fourAligned: mode % 3 == 2);
        var others = OtherInitializers(model);
        var weights = ConvWeights(model);
        var nodesBefore = model.Graph.Nodes.Select(n => n.ToString()).ToList();
        string[] pipelines = [$"prune-conv-l1{{amount={amount}}}", $"prune-conv-l1{{amount={amount} scope=global}}", "prune-conv-l1{pattern=2:4}"];
        PipelineRunner.Run(model, pipelines[mode % 3]);
        Assert.Equal(nodesBefore, model.Graph.Nodes.Select(n => n.ToString()).ToList());
        foreach (var (name, tensor) in OtherInitializers(model))
        {
            Assert.True(others[name].ContentEquals(tensor), $"{name} changed");
        }

        foreach (var (name, tensor) in ConvWeights(model))
        {
            AssertOnlyZeroed(weights[name], tensor);
        }
    }

    /// <summary>
    /// Through ONNX Runtime: the pruned model's output moves from the original's by no more than the zeroed
    /// weights can explain. With inputs in [0,1] and no activation after the last Conv, each output element of channel
    /// m changes by at most the sum of |zeroed weights| of filter m (every earlier layer left unpruned by `include`).
    /// </summary>
    [Property(MaxTest = 25)]
    public void Output_change_is_bounded_by_the_zeroed_weights(int seed, byte amountPercent)
    {
        var (model, _, amount) = Case(seed, 0, 0, amountPercent);
        int last = model.Graph.Nodes.Count(n => n.Is("Conv")) - 1;
        var original = Clone(model);
        var weight = model.Graph.Nodes.Single(n => n.Name == ConvName(last)).Input(1)!;
        var before = weight.ConstValue!;
        PipelineRunner.Run(model, $"prune-conv-l1{{amount={amount} include=^/model\\.{last}/}}");
        var after = weight.ConstValue!;
        var w0 = before.ToDoubleArray();
        var w1 = after.ToDoubleArray();
        long perFilter = before.ElementCount / before.Dims[0];

        // The last Conv's input is x itself (one layer) or a Relu of the previous layers, bounded by running the original.
        var inputs = new OnnxOpt.Backends.OnnxRuntime.InputGenerator { Seed = seed }.Generate(original);
        double inputBound = LastConvInputBound(original, inputs, last);
        var y0 = OnnxOpt.Backends.OnnxRuntime.OrtRunner.RunOnce(original, inputs)["y"].ToDoubleArray();
        var y1 = OnnxOpt.Backends.OnnxRuntime.OrtRunner.RunOnce(model, inputs)["y"].ToDoubleArray();
        long plane = Spatial * Spatial;
        for (int i = 0; i < y0.Length; i++)
        {
            long m = i / plane;
            double removed = 0;
            for (long j = m * perFilter; j < (m + 1) * perFilter; j++)
            {
                removed += Math.Abs(w0[j] - w1[j]);
            }

            double bound = (removed * inputBound) + 1e-4;
            Assert.True(Math.Abs(y0[i] - y1[i]) <= bound, $"output {i} moved {Math.Abs(y0[i] - y1[i])} > {bound}");
        }

        if (amount == 0)
        {
            Assert.Equal(y0, y1);
        }
    }

    /// <summary>The largest absolute value reaching the last Conv: 1 for the graph input, else the max of the Relu before it.</summary>
    private static double LastConvInputBound(Model model, Dictionary<string, Tensor> inputs, int last)
    {
        if (last == 0)
        {
            return 1;
        }

        var probe = Clone(model);
        var conv = probe.Graph.Nodes.Single(n => n.Name == ConvName(last));
        probe.Graph.AddOutput(conv.Input(0)!);
        var values = OnnxOpt.Backends.OnnxRuntime.OrtRunner.RunOnce(probe, inputs)[conv.Input(0)!.Name].ToDoubleArray();
        return values.Max(Math.Abs);
    }

    /// <summary>Every weight that became zero was no larger in magnitude than every weight kept non-zero (over all pairs given).</summary>
    private static void AssertPrunedAreSmallest(IReadOnlyList<(Tensor Before, Tensor After)> pairs)
    {
        double largestZeroed = 0, smallestKept = double.PositiveInfinity;
        foreach (var (before, after) in pairs)
        {
            AssertOnlyZeroed(before, after);
            var old = before.ToDoubleArray();
            var now = after.ToDoubleArray();
            for (int i = 0; i < old.Length; i++)
            {
                if (now[i] == 0 && old[i] != 0)
                {
                    largestZeroed = Math.Max(largestZeroed, Math.Abs(old[i]));
                }
                else if (now[i] != 0)
                {
                    smallestKept = Math.Min(smallestKept, Math.Abs(now[i]));
                }
            }
        }

        Assert.True(largestZeroed <= smallestKept, $"a zeroed weight |{largestZeroed}| is larger than a kept one |{smallestKept}|");
    }

    private static void AssertAtOrBelow(Tensor before, Tensor after, double threshold)
    {
        var old = before.ToDoubleArray();
        var now = after.ToDoubleArray();
        for (int i = 0; i < old.Length; i++)
        {
            if (now[i] == 0 && old[i] != 0)
            {
                Assert.True(Math.Abs(old[i]) <= threshold, $"zeroed |{old[i]}| above the threshold {threshold}");
            }
            else if (now[i] != 0)
            {
                Assert.True(Math.Abs(now[i]) >= threshold, $"kept |{now[i]}| below the threshold {threshold}");
            }
        }
    }

    /// <summary>Same type and shape; every element either kept bit-for-bit or newly +0 (all-zero bytes).</summary>
    private static void AssertOnlyZeroed(Tensor before, Tensor after)
    {
        Assert.Equal(before.DataType, after.DataType);
        Assert.Equal(before.Dims, after.Dims);
        int size = (int)(before.ByteLength / Math.Max(1, before.ElementCount));
        var a = before.Bytes.Span;
        var b = after.Bytes.Span;
        for (int i = 0; i < before.ElementCount; i++)
        {
            var x = a.Slice(i * size, size);
            var y = b.Slice(i * size, size);
            Assert.True(x.SequenceEqual(y) || !y.ContainsAnyExcept((byte)0), $"element {i} changed to a non-zero value");
        }
    }
}
