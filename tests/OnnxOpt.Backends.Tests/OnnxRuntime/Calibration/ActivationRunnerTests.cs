using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime.Calibration;

public sealed class ActivationRunnerTests
{
    [Fact]
    public void Streams_each_observed_intermediate_value_per_sample()
    {
        var model = TestModels.ConvRelu();
        string convOutput = model.Graph.Nodes.Single(n => n.OpType == "Conv").Output().Name;
        var samples = Enumerable.Range(0, 3).Select(i => new CalibrationSample($"s{i}", new Dictionary<string, Tensor>
        {
            ["x"] = Tensor.Create(Enumerable.Repeat(i - 1f, 8 * 6 * 6).ToArray(), 1, 8, 6, 6),
        })).ToList();

        using var runner = new ActivationRunner(model, [convOutput, "y"]);
        var seen = new List<(string Name, long Elements, float Max)>();
        int count = runner.Run(samples, (name, dims, values) => seen.Add((name, dims.ToArray().Aggregate(1L, (a, d) => a * d), values.ToArray().Max())));

        Assert.Equal(3, count);
        Assert.Equal(6, seen.Count);
        Assert.All(seen, s => Assert.Equal(8 * 6 * 6, s.Elements));
        Assert.Equal(convOutput, seen[2].Name);
        Assert.Equal(0f, seen[2].Max); // the second sample is all zeros: so is its conv output
        var relu = seen.Where(s => s.Name == "y").Select(s => s.Max).ToArray();
        Assert.Equal(0f, relu[1]);
        Assert.True(relu[2] > 0 && relu[0] > 0, "Relu outputs of non-zero inputs are observed");
        Assert.Single(model.Graph.Outputs); // the caller's model keeps its outputs
    }

    [Fact]
    public void Unknown_value_names_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ActivationRunner(TestModels.ConvRelu(), ["nope"]));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }
}
