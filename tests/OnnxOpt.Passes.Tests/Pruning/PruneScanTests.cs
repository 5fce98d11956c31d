using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Evaluation.Pruning;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning;
using OnnxOpt.TestSupport;
using Xunit;
using static OnnxOpt.Passes.Tests.Pruning.PruneModels;

namespace OnnxOpt.Passes.Tests.Pruning;

public sealed class PruneScanTests
{
    private static List<IReadOnlyDictionary<string, Tensor>> Inputs(Model model, int count) =>
        Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, Tensor>)new InputGenerator { Seed = 5 }.Generate(model, i)).ToList();

    [Fact]
    public void Each_layer_is_measured_alone_against_the_unpruned_model()
    {
        var model = Chain(4, [new ConvSpec(8, 3), new ConvSpec(8), new ConvSpec(4, 3)], (_, n) => Draw(new Random(n), n, Values.Normal));
        var before = ModelWriter.ToBytes(model);
        var inputs = Inputs(model, 2);
        var report = new PruneScan { Options = new PruneConvL1Options { Amount = 0.3 } }.Run(model, inputs);

        Assert.Equal(before, ModelWriter.ToBytes(model));
        Assert.Equal([ConvName(0), ConvName(1), ConvName(2)], report.Layers.Select(l => l.Node));
        Assert.Equal(2, report.Inputs);
        foreach (var layer in report.Layers)
        {
            // The same layer pruned by the pass and run directly gives the same statistics.
            var pruned = Clone(model);
            PipelineRunner.Run(pruned, $"prune-conv-l1{{amount=0.3 include=^{layer.Node.Replace(".", "\\.", StringComparison.Ordinal)}$}}");
            var expected = new List<OutputStatistics>();
            foreach (var input in inputs)
            {
                expected.Add(OutputComparer.Compare("y", OrtRunner.RunOnce(model, input)["y"], OrtRunner.RunOnce(pruned, input)["y"], 1e-3, 1e-3));
            }

            var merged = OutputComparer.Merge(expected);
            var actual = Assert.Single(layer.Outputs);
            Assert.Equal(merged, actual);
            Assert.Equal(MagnitudePruner.CountToPrune(0.3, layer.Pruning.Weights), layer.Pruning.Zeroed);
            Assert.True(layer.MaxAbsError > 0);
            Assert.True(layer.Cosine < 1);
        }

        Assert.Equal(report.Layers.Min(l => l.Cosine), report.MostSensitiveFirst().First().Cosine);
    }

    [Fact]
    public void Amount_zero_moves_nothing_and_two_of_four_skips_are_listed()
    {
        var model = Chain(3, [new ConvSpec(4, 3), new ConvSpec(4)], (_, n) => Draw(new Random(n), n, Values.Normal));
        var inputs = Inputs(model, 1);
        var zero = new PruneScan { Options = new PruneConvL1Options { Amount = 0 } }.Run(model, inputs);
        Assert.All(zero.Layers, l => Assert.Equal((0.0, 1.0), (l.MaxAbsError, l.Cosine)));

        var sparse = new PruneScan { Options = new PruneConvL1Options { Pattern = PrunePattern.TwoOfFour } }.Run(model, inputs);
        Assert.Equal(ConvName(1), Assert.Single(sparse.Layers).Node);
        Assert.Equal(ConvName(0), Assert.Single(sparse.Skipped).Node);
        Assert.Equal(0.5, sparse.Layers[0].Pruning.Sparsity);
    }

    [Fact]
    public void Global_scope_and_empty_inputs_are_refused()
    {
        var model = Chain(2, [new ConvSpec(2)], (_, n) => Draw(new Random(n), n, Values.Normal));
        Assert.Contains("scope=global does not apply", Assert.Throws<ArgumentException>(() => new PruneScan { Options = new PruneConvL1Options { Scope = PruneScope.Global } }.Run(model, Inputs(model, 1))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PruneScan().Run(model, []));
        Assert.Contains("amount must be", Assert.Throws<ArgumentException>(() => new PruneScan { Options = new PruneConvL1Options { Amount = 2 } }.Run(model, Inputs(model, 1))).Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Yolov8n_sensitivity_on_a_real_image()
    {
        string? path = SharedData.UltralyticsModel("yolov8n.onnx");
        string? image = SharedData.Find(Path.Combine("images", "bus.jpg"));
        Skip.If(path is null || image is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path);
        var input = new Dictionary<string, Tensor> { ["images"] = new ImagePreprocessor(640).Load(image).ToTensor() };
        var scan = new PruneScan { Options = new PruneConvL1Options { Amount = 0.2, Include = @"^/model\.(0|22/dfl)/" } };
        var report = scan.Run(model, [input]);

        // This export names the DFL Conv node after its output.
        Assert.Equal(["/model.0/conv/Conv", "/model.22/dfl/conv/Conv_output_0"], report.Layers.Select(l => l.Node));

        // The DFL conv's weights are the fixed 0..15 ramp; round(0.2 * 16) = 3 zeroes the 0 (already zero), 1 and 2: a visible box shift.
        var dfl = report.Layers[1];
        Assert.Equal(3, dfl.Pruning.ZerosAfter);
        Assert.True(dfl.MaxAbsError > 0);
        Assert.True(report.Layers[0].Cosine is > 0.9 and < 1);
    }
}
