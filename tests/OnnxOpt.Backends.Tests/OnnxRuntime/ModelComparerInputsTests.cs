using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime;

public sealed class ModelComparerInputsTests
{
    [Fact]
    public void Given_inputs_are_each_one_sample_and_the_observer_sees_both_outputs()
    {
        var model = TestModels.ConvRelu();
        using var reference = new OrtRunner(model);
        using var candidate = new OrtRunner(ModelWriter.ToBytes(TestModels.ConvRelu(sparse24: true)));
        var sets = Enumerable.Range(0, 3)
            .Select(i => (IReadOnlyDictionary<string, Tensor>)new Dictionary<string, Tensor> { ["x"] = Tensor.Create(Enumerable.Repeat(0.1f * (i + 1), 288).ToArray(), 1, 8, 6, 6) })
            .ToList();
        var seen = new List<int>();

        var report = new ModelComparer().Compare(reference, candidate, sets, (i, expected, actual) =>
        {
            seen.Add(i);
            Assert.False(expected["y"].ContentEquals(actual["y"]));
        });

        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(3, report.Samples);
        Assert.False(report.Passed);
        Assert.Equal(288 * 3, report.Outputs.Single().Elements);
    }

    [Fact]
    public void No_inputs_is_an_error_not_a_pass()
    {
        using var runner = new OrtRunner(TestModels.ConvRelu());
        Assert.Throws<ArgumentException>(() => new ModelComparer().Compare(runner, runner, []));
    }
}
