using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Transforms.Pruning;
using OnnxOpt.TestSupport;
using Xunit;
using static OnnxOpt.Passes.Tests.Pruning.PruneModels;

namespace OnnxOpt.Passes.Tests.Pruning;

/// <summary>`prune-conv-l1` on the real Ultralytics exports: the same properties as the random-graph tests.</summary>
public sealed class PruneConvL1FixtureTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in SharedData.FloatExports().Select(f => (string)f[0]))
        {
            foreach (var options in new[] { "amount=0.05", "amount=0.1", "amount=0.2", "amount=0.05 scope=global", "amount=0.1 scope=global", "amount=0.2 scope=global", "pattern=2:4" })
            {
                data.Add(file, options);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Pruning_a_real_export_keeps_the_promises(string file, string options)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path);
        var weights = ConvWeights(model);
        var others = OtherInitializers(model);
        string pipeline = $"prune-conv-l1{{{options}}}";
        var report = PipelineRunner.Run(model, pipeline);

        // The exports' weights were rounded to 8 bits, so many are already zero: a small global amount may change nothing.
        var after = ConvWeights(model);
        Assert.Equal(after.Any(p => !weights[p.Key].ContentEquals(p.Value)), report.Changed);
        Assert.True(report.Changed || options.Contains("global", StringComparison.Ordinal), "layer and 2:4 pruning must change these models");
        var pruneOptions = (PruneConvL1Options)PipelineRunner.Parse(pipeline).Items.OfType<PassItem>().Single().Pass.Options;
        if (pruneOptions.Pattern == PrunePattern.TwoOfFour)
        {
            foreach (var (name, tensor) in after)
            {
                Assert.True(tensor.Dims[1] % 4 != 0 ? weights[name].ContentEquals(tensor) : MaxNonZerosPerGroup(tensor) <= 2, name);
            }
        }
        else if (pruneOptions.Scope == PruneScope.Layer)
        {
            foreach (var (name, tensor) in after)
            {
                long k = MagnitudePruner.CountToPrune(pruneOptions.Amount, tensor.ElementCount);
                Assert.Equal(Math.Max(Zeros(weights[name]), k), Zeros(tensor));
                Assert.True(LargestZeroed([(weights[name], tensor)]) <= SmallestKept([tensor]), name);
            }
        }
        else
        {
            var pairs = after.Select(p => (weights[p.Key], p.Value)).ToList();
            long total = pairs.Sum(p => p.Value.ElementCount);
            long k = MagnitudePruner.CountToPrune(pruneOptions.Amount, total);
            Assert.Equal(Math.Max(pairs.Sum(p => Zeros(p.Item1)), k), pairs.Sum(p => Zeros(p.Value)));
            Assert.True(LargestZeroed(pairs) <= SmallestKept(after.Values));
        }

        Assert.All(OtherInitializers(model), p => Assert.True(others[p.Key].ContentEquals(p.Value), p.Key));
        Assert.False(PipelineRunner.Run(model, pipeline).Changed);
    }

    private static double LargestZeroed(IEnumerable<(Tensor Before, Tensor After)> pairs) =>
        pairs.SelectMany(p => p.Before.ToDoubleArray().Zip(p.After.ToDoubleArray()))
            .Where(v => v.First != 0 && v.Second == 0).Select(v => Math.Abs(v.First)).DefaultIfEmpty(0).Max();

    private static double SmallestKept(IEnumerable<Tensor> tensors) =>
        tensors.SelectMany(t => t.ToDoubleArray()).Where(v => v != 0).Select(Math.Abs).DefaultIfEmpty(double.PositiveInfinity).Min();

    private static int MaxNonZerosPerGroup(Tensor tensor)
    {
        var values = tensor.ToDoubleArray();
        long channels = tensor.Dims[1];
        long stride = tensor.ElementCount / (tensor.Dims[0] * channels);
        int worst = 0;
        for (long m = 0; m < tensor.Dims[0]; m++)
        {
            for (long s = 0; s < stride; s++)
            {
                for (long c = 0; c < channels; c += 4)
                {
                    int nonZeros = 0;
                    for (long j = 0; j < 4; j++)
                    {
                        nonZeros += values[(m * channels * stride) + ((c + j) * stride) + s] != 0 ? 1 : 0;
                    }

                    worst = Math.Max(worst, nonZeros);
                }
            }
        }

        return worst;
    }
}
